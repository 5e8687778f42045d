/**
 * What changed in a package's tables from one publication to the next, compared by primary
 * key. Written as `output/<package>/changes.json` by the package stage and kept (the last
 * runs only) in the publication state; the site's "what changed" page and the run report
 * read it. Values are the CSV cells as published (text), so a reader sees what a download showed.
 */
export interface ChangeHistory {
  package: string;
  /** Newest first, bounded (CHANGE_HISTORY_RUNS). */
  runs: RunChanges[];
}

export const CHANGE_HISTORY_RUNS = 10;

export interface RunChanges {
  /** When the new version was built (ISO 8601, from the run's injected clock). */
  at: string;
  /** When the version it is compared with was built; null for the first publication. */
  previousAt: string | null;
  tables: TableChanges[];
}

export type Row = Readonly<Record<string, string>>;

export interface TableChanges {
  table: string;
  primaryKey: readonly string[];
  /**
   * Only when the table's primary key changed since the previous version: the key it had.
   * Rows are then matched by the new key when the previous rows have its fields (and its
   * values are unique in them); otherwise every row counts as removed and added.
   */
  previousPrimaryKey?: readonly string[];
  /** Totals, exact even when the row lists below are cut. */
  counts: { added: number; removed: number; modified: number };
  added: Row[];
  removed: Row[];
  modified: ModifiedRow[];
  /** True when the row lists hold fewer rows than the counts (a bounded file). */
  truncated: boolean;
}

export interface ModifiedRow {
  /** The primary key's cells. */
  key: Row;
  changes: { field: string; before: string; after: string }[];
}
