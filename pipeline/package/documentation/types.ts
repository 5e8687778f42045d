import type { Contributor, License, Schema, Source } from "../../frictionless/index.ts";
import type { CallCompleteness } from "../../transform/completeness/list-completeness.ts";

export type Row = Record<string, unknown>;

export interface DocumentedResource {
  name: string;
  title?: string;
  description?: string;
  /** File name in the published package, e.g. `appels.csv`. */
  path?: string;
  schema: Schema;
  rowCount: number;
  /**
   * Logical rows, when the documentation should describe the content (programmes, themes, sources
   * cited): all of them, or the first ones of a long table (the lists then say how many more).
   */
  rows?: Row[];
}

export interface DocumentationInput {
  package: {
    name: string;
    title: string;
    description: string;
    version?: string;
    homepage?: string;
    licenses?: License[];
    sources?: Source[];
    contributors?: Contributor[];
  };
  resources: DocumentedResource[];
  /** The SCDL subventions export: its resource name, rows written and lauréats left out. */
  scdl?: { resource: string; rowCount: number; excluded: { resource: string; key: string; reason: string }[] };
  coverage?: {
    temporalCoverage?: { start: string; end: string };
    spatial?: { zones: string[]; granularity: string };
  };
  /** Completeness of the lists of lauréats, when tallied over every row by the caller (else computed from `rows`). */
  completeness?: CallCompleteness[];
  /** Every distinct `url_source` / `url_source_resultats` of the rows, when collected by the caller (else read from `rows`). */
  citedSources?: string[];
  /** Where the dataset is published, from the publication state; absent before its first publication. */
  publication?: PublishedDataset;
}

/** A published dataset as the publication state knows it: ids given by data.gouv.fr, never made up. */
export interface PublishedDataset {
  /** The instance, e.g. `https://www.data.gouv.fr`. */
  baseUrl: string;
  datasetId: string;
  /** Resource id by file name in the package (`laureats.csv`, `datapackage.json`…). */
  resources: Readonly<Record<string, string>>;
}
