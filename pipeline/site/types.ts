import type { Field, Report, Schema } from "../frictionless/index.ts";
import type { ChangeHistory } from "../package/changes/change-history.ts";

/** Everything the site is made of, read from output/ and schemas/ at the edge (read-site-input.ts). */
export interface SiteInput {
  /** The run's clock: which calls are open, the date printed in the footer. */
  now: Date;
  packages: SitePackage[];
  schemas: SiteSchema[];
}

export type Cell = string | number | boolean | null;
export type Record_ = Readonly<Record<string, Cell>>;

export interface SiteTable {
  name: string;
  title: string;
  description: string;
  /** File name inside the package folder, e.g. `laureats.csv`. */
  path: string;
  mediatype: string;
  bytes: number;
  fields: readonly Field[];
  /** The first rows only when `rowCount` is above SITE_MAX_ROWS: the site holds no more in memory. */
  rows: readonly Record_[];
  rowCount: number;
}

/**
 * Rows of a table the site reads. A page cannot show a million projects anyway, and figures of a
 * table read in part would be false: past this, the site gives counts and files, not figures.
 */
export const SITE_MAX_ROWS = 20_000;

/** A file offered for download, copied beside the site's pages under `donnees/<package>/`. */
export interface SiteDownload {
  /** File name, e.g. `laureats.xlsx`. */
  path: string;
  label: string;
  description: string;
  mediatype: string;
  bytes: number;
}

export interface SitePackage {
  name: string;
  title: string;
  description: string;
  version: string;
  /** When the validated package was written (ISO 8601). */
  updatedAt: string;
  tables: SiteTable[];
  /** Per table name, its downloads in every format present; plus the package's own files under "". */
  downloads: Record<string, SiteDownload[]>;
  report: Report | null;
  changes: ChangeHistory | null;
  /** The data.gouv.fr dataset, when the package has been published. */
  dataset: { url: string; slug?: string } | null;
}

export interface SiteSchema {
  /** Folder name under schemas/, e.g. `laureats`. */
  name: string;
  descriptor: SchemaDescriptor;
}

/** A schemas/<name>/schema.json: a Table Schema with the publication's metadata around it. */
export type SchemaDescriptor = Schema & { name?: string; title?: string; description?: string; version?: string; path?: string };
