import type { Contributor, License, Source } from "../frictionless/index.ts";

/**
 * A data package as a data team declares it in `datapackages/<name>/datapackage.yaml`:
 * metadata, and for each resource its Table Schema, its source and how source columns
 * map to schema fields. Everything the pipeline does for a package follows from this.
 */
export interface Declaration {
  name: string;
  title: string;
  description: string;
  version: string;
  homepage?: string;
  licenses: License[];
  keywords: string[];
  contributors: Contributor[];
  sources?: Source[];
  datagouv: DatagouvSettings;
  resources: ResourceDeclaration[];
  /** Absolute path of the YAML file, and of its folder (relative paths resolve against it). */
  file: string;
  dir: string;
}

export interface DatagouvSettings {
  /** Owning organization id; DATAGOUV_ORGANIZATION overrides it. */
  organization?: string | null;
  frequency: string;
  tags: string[];
  private: boolean;
}

/** Normalisers applied to a source value before parsing; `trim` always runs. */
export type Normalizer = "trim" | "digits" | "collapse-whitespace" | "lowercase" | "uppercase";

export interface MappingRule {
  /** Source column, or a dotted path into nested JSON records. */
  column?: string;
  /** A constant, for every row. */
  value?: unknown;
  /**
   * A regular expression run on the normalised text: the cell becomes its first capture group
   * (or the whole match), and a cell it does not match becomes empty. Applied before `values`.
   */
  extract?: string;
  /** Source text → text to parse, e.g. { "Terminé": "terminé" }. Applied after normalisers. */
  values?: Record<string, string>;
  normalize?: Normalizer[];
  /** Parse options that override the schema field's for reading this source (its dates, its decimals). */
  format?: string;
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  missingValues?: string[];
}

export type DeriveKind = "scdl-subventions";

export type Mapping = Record<string, string | MappingRule>;

export interface ResourceDeclaration {
  name: string;
  title?: string;
  description?: string;
  /** Path of the Table Schema, relative to the declaration folder. */
  schema: string;
  /** Where the rows come from (exactly one of source / inputs / derive). */
  source?: SourceDeclaration;
  /** Schema field → mapping rule; a string is a source column. Fields left out stay empty. */
  mapping?: Mapping;
  /** Several sources whose rows are appended, in order, each read with its own mapping. */
  inputs?: InputDeclaration[];
  /** Built from the package's other tables instead of a source. */
  derive?: DeriveKind;
  /** Fill empty fields from the national directory of organisations, by SIREN. */
  enrich?: EnrichDeclaration;
}

/** What the Recherche d'entreprises API can tell about an organisation. */
export type OrganisationAttribute = "nomComplet" | "natureJuridique" | "estServicePublic" | "estAdministration";

export interface EnrichDeclaration {
  /** The field holding the SIREN. */
  siren: string;
  /** Field to fill when empty → the attribute that fills it. Known values are never replaced. */
  fill: Record<string, OrganisationAttribute>;
  /** Defaults to the public API. */
  baseUrl?: string;
}

/** One source of a resource and how its columns map to the schema's fields. */
export interface InputDeclaration {
  source: SourceDeclaration;
  mapping?: Mapping;
}

export interface SourceDeclaration {
  connector: string;
  [option: string]: unknown;
}
