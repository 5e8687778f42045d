import type { Contributor, License, Schema, Source } from "../../frictionless/index.ts";

export type Row = Record<string, unknown>;

export interface DocumentedResource {
  name: string;
  title?: string;
  description?: string;
  /** File name in the published package, e.g. `appels.csv`. */
  path?: string;
  schema: Schema;
  rowCount: number;
  /** Logical rows, when the documentation should describe the content (programmes, themes, sources cited). */
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
  /** data.gouv.fr dataset id or slug for the reuse examples; the package name when not yet published. */
  datasetRef?: string;
}
