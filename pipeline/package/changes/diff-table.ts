import type { ModifiedRow, Row, TableChanges } from "./change-history.ts";
import { rowDigest, RowHashTable } from "./row-hash-table.ts";

/** One version of a table: its primary key and its rows as published (CSV cells, text). */
export interface TableVersion {
  primaryKey: readonly string[];
  /** The rows in file order. Called once per pass: the previous version is read twice. */
  rows: () => AsyncIterable<Row>;
  /**
   * How many rows it holds, when known (its validation report counted them): matched against
   * nothing, it is then read only as far as the rows the lists keep.
   */
  count?: number;
}

/**
 * What changed in one table between two versions, matched by primary key. Memory holds one
 * 24-byte slot per previous row (row-hash-table.ts) and at most `limit` rows per list, never
 * either table's text: pass 1 hashes the previous rows by key, pass 2 streams the new rows against those hashes,
 * pass 3 re-reads the previous rows for the few removed and modified ones the lists show.
 *
 * A table with no primary key is matched on whole rows: it can gain and lose rows, never have
 * one modified. When the previous rows cannot be matched by the new key (a key field they do
 * not have, or key values that are not unique in them), every row counts as removed and added.
 */
export async function diffTable(table: string, previous: TableVersion | undefined, next: TableVersion | undefined, limit: number): Promise<TableChanges> {
  const primaryKey = [...(next ?? previous)!.primaryKey];
  const changes: TableChanges = { table, primaryKey, counts: { added: 0, removed: 0, modified: 0 }, added: [], removed: [], modified: [], truncated: false };
  if (previous && next && !sameKey(previous.primaryKey, next.primaryKey)) changes.previousPrimaryKey = [...previous.primaryKey];
  const hashes = previous && next ? await hashByKey(previous, primaryKey) : undefined;
  if (!hashes) {
    // Nothing to match against (first version, a table added or dropped, rows not matchable).
    if (next) await keepAll(changes, "added", next, limit);
    if (previous) await keepAll(changes, "removed", previous, limit);
    return finish(changes);
  }
  // By the previous row's position (pass 3 reads them again); a Map keeps the new file's order.
  const modifiedRows = new Map<number, { after: Row; row?: ModifiedRow }>();
  for await (const row of next!.rows()) {
    const digest = rowDigest(cellsText(row));
    const before = hashes.match(keyOf(row, primaryKey, digest), digest);
    if (before === undefined) {
      keep(changes, "added", row, limit);
      continue;
    }
    if (before.same) continue;
    changes.counts.modified++;
    if (modifiedRows.size < limit) modifiedRows.set(before.index, { after: row });
  }
  const unmatched = hashes.unmatched(limit);
  changes.counts.removed = unmatched.count;
  const removedRows = new Set(unmatched.first);
  if (removedRows.size > 0 || modifiedRows.size > 0) {
    let index = 0;
    for await (const row of previous!.rows()) {
      index++;
      if (removedRows.has(index)) changes.removed.push(row);
      const found = modifiedRows.get(index);
      if (found) found.row = modifiedRow(primaryKey, row, found.after);
    }
    // The modified rows in the new file's order, as the added ones.
    changes.modified = [...modifiedRows.values()].map((m) => m.row as ModifiedRow);
  }
  return finish(changes);
}

/** True when some table changed. */
export function hasChanges(tables: readonly TableChanges[]): boolean {
  return tables.some((t) => t.counts.added + t.counts.removed + t.counts.modified > 0);
}

function keep(changes: TableChanges, list: "added" | "removed", row: Row, limit: number): void {
  changes.counts[list]++;
  if (changes[list].length < limit) changes[list].push(row);
}

/** Every row of a version matched against nothing goes to one list; a counted version is read only for the rows the list keeps. */
async function keepAll(changes: TableChanges, list: "added" | "removed", version: TableVersion, limit: number): Promise<void> {
  const { count } = version;
  for await (const row of version.rows()) {
    if (count !== undefined && changes[list].length >= limit) break;
    keep(changes, list, row, limit);
  }
  if (count !== undefined) changes.counts[list] = count;
}

function finish(changes: TableChanges): TableChanges {
  const { added, removed, modified } = changes.counts;
  changes.truncated = changes.added.length < added || changes.removed.length < removed || changes.modified.length < modified;
  return changes;
}

/** Previous rows' hashes by key; undefined when they cannot be matched by this key. */
async function hashByKey(previous: TableVersion, primaryKey: readonly string[]): Promise<RowHashTable | undefined> {
  const hashes = new RowHashTable();
  let index = 0;
  for await (const row of previous.rows()) {
    if (primaryKey.some((field) => row[field] === undefined)) return undefined;
    const digest = rowDigest(cellsText(row));
    if (!hashes.add(keyOf(row, primaryKey, digest), digest, ++index)) return undefined;
  }
  return hashes;
}

/** The key's cells, or the whole row (its digest) for a table without a primary key. */
function keyOf(row: Row, primaryKey: readonly string[], digest: Buffer): string {
  return primaryKey.length === 0 ? `row:${digest.toString("base64")}` : JSON.stringify(primaryKey.map((field) => row[field] ?? ""));
}

/**
 * The row's non-empty cells sorted by field, as the text its digest is taken of: a column
 * added empty, or the columns reordered, is no change; a value that differs is.
 */
function cellsText(row: Row): string {
  const cells = Object.entries(row).filter(([, value]) => value !== "").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(cells);
}

function modifiedRow(primaryKey: readonly string[], before: Row, after: Row): ModifiedRow {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const changes = fields.filter((field) => (before[field] ?? "") !== (after[field] ?? "")).map((field) => ({ field, before: before[field] ?? "", after: after[field] ?? "" }));
  const key = primaryKey.length === 0 ? {} : Object.fromEntries(primaryKey.map((field) => [field, after[field] ?? ""]));
  return { key, changes };
}

function sameKey(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i]);
}
