/**
 * What the package stage hands to the publish stage: one data package ready to be
 * published as one data.gouv.fr dataset, with its files on disk.
 */
export interface LocalDataset {
  /** Data package name; stored in the dataset extras as the marker "aap:package". */
  package: string;
  /** French; the description is Markdown. */
  title: string;
  description: string;
  /** Frictionless licence name, e.g. "etalab-2.0" (mapped to the data.gouv.fr id "lov2"). */
  license: string;
  frequency: string;
  tags: string[];
  temporalCoverage?: { start: string; end: string };
  spatial?: { zones: string[]; granularity: string };
  /** Organization id (DATAGOUV_ORGANIZATION or the declaration). */
  organization?: string;
  private: boolean;
  /** Stable metadata, merged into the dataset extras. */
  extras: Record<string, unknown>;
  /** In package order. */
  resources: LocalResource[];
  /**
   * Files of the package deliberately not offered on data.gouv.fr, and why (an SCDL file with no
   * row, a download that was not written). Never uploaded; a resource of ours published earlier
   * under one of these keys is deleted by the plan, which shows the reason.
   */
  withheld?: WithheldFile[];
  /** False when the package failed validation: publishDataset then refuses to send anything. */
  valid?: boolean;
}

export interface LocalResource {
  /** Stable marker: the file's path inside the package; stored in the resource extras as "aap:key". */
  key: string;
  /** Absolute local path of the file to upload. */
  file: string;
  title: string;
  description: string;
  type: "main" | "documentation" | "other";
  /** csv, json, md */
  format: string;
  schema?: { url: string } | { name: string; version: string };
  /** Stable metadata (package version, schema version...). */
  extras: Record<string, unknown>;
  /**
   * Volatile metadata (git commit, run URL, validation date, sources with their dates):
   * sent with an upload only, never on its own, otherwise every night would PUT.
   */
  provenance: Record<string, unknown>;
}

export interface WithheldFile {
  /** The key it would have (its path in the package), e.g. `subventions.csv`. */
  key: string;
  /** Why it is not offered, for the plan and the log. */
  reason: string;
  /** Stable, for whoever branches on it (the run report tells the SCDL case in French). */
  cause: "empty-scdl" | "table-withheld" | "not-written";
}

/** sha1 (hex) and byte size of a local file, as data.gouv.fr computes them for a hosted file. */
export interface FileDigest {
  sha1: string;
  size: number;
}

export const DATASET_MARKER = "aap:package";
export const RESOURCE_MARKER = "aap:key";
