import { describeThrown } from "../../frictionless/index.ts";
import { StateError } from "../../state/store.ts";
import { CHANGE_HISTORY_RUNS, type ChangeHistory, type RunChanges, type TableChanges } from "./change-history.ts";
import { diffTable, hasChanges } from "./diff-table.ts";
import { csvTable, readSnapshot, snapshotTable, type TableFile } from "./published-snapshot.ts";

/** Rows kept per list (added, removed, modified) per table and run: changes.json stays small. */
export const CHANGED_ROWS_KEPT = 50;

export interface PackageChanges {
  /** This run against the last published version. */
  run: RunChanges;
  /** What `changes.json` holds: the history with this run first when it changed something. */
  history: ChangeHistory;
  /** Whether this version must be stored as the new reference (false: same rows as the stored one). */
  record: boolean;
}

/**
 * What changed in a package since its last published version, stored in `snapshotDir`
 * (published-snapshot.ts). A run whose tables hold the same rows as the stored version adds
 * no entry to the history (so ten nights of new pipeline versions do not push real changes
 * out of it) and keeps the stored version, whose date stays that of the rows' last change.
 */
export async function computePackageChanges(input: { package: string; at: string; snapshotDir: string; tables: readonly TableFile[] }): Promise<PackageChanges> {
  const snapshot = await readSnapshot(input.snapshotDir);
  const tables: TableChanges[] = [];
  try {
    for (const table of input.tables) {
      const previous = snapshot && snapshotTable(input.snapshotDir, snapshot, table.table);
      tables.push(await diffTable(table.table, previous, csvTable(table), CHANGED_ROWS_KEPT));
    }
    for (const dropped of snapshot?.tables ?? []) {
      if (input.tables.some((t) => t.table === dropped.table)) continue;
      tables.push(await diffTable(dropped.table, snapshotTable(input.snapshotDir, snapshot!, dropped.table), undefined, CHANGED_ROWS_KEPT));
    }
  } catch (error) {
    // The new files passed validation: what failed to read is the stored version.
    throw new StateError(
      input.snapshotDir,
      `the last published version of ${input.package}, kept to tell what changed, cannot be read: ${describeThrown(error).message}`,
      `remove ${input.snapshotDir} and run again: the change history then starts over from this version`,
      error,
    );
  }
  const run: RunChanges = { at: input.at, previousAt: snapshot?.at ?? null, tables };
  const record = snapshot === undefined || hasChanges(tables);
  const runs = record ? [run, ...(snapshot?.runs ?? [])].slice(0, CHANGE_HISTORY_RUNS) : (snapshot?.runs ?? []);
  return { run, history: { package: input.package, runs }, record };
}

/** For the run report: counts, and a few rows of each list. */
export function summariseRun(run: RunChanges, rows: number): RunChanges {
  return {
    ...run,
    tables: run.tables.map((t) => ({
      ...t,
      added: t.added.slice(0, rows),
      removed: t.removed.slice(0, rows),
      modified: t.modified.slice(0, rows),
      truncated: t.truncated || t.added.length > rows || t.removed.length > rows || t.modified.length > rows,
    })),
  };
}
