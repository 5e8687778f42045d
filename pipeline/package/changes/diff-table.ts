import { createHash } from "node:crypto";
import type { ModifiedRow, Row, TableChanges } from "./change-history.ts";

/** One version of a table: its primary key and its rows as published (CSV cells, text). */
export interface TableVersion {
  primaryKey: readonly string[];
  /** The rows in file order. Called once per pass: the previous version is read twice. */
  rows: () => AsyncIterable<Row>;
}

/**
 * What changed in one table between two versions, matched by primary key. Memory holds one
 * short hash per previous row and at most `limit` rows per list, never both tables' text:
 * pass 1 hashes the previous rows by key, pass 2 streams the new rows against those hashes,
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
    if (next) for await (const row of next.rows()) keep(changes, "added", row, limit);
    if (previous) for await (const row of previous.rows()) keep(changes, "removed", row, limit);
    return finish(changes);
  }

  const modifiedRows = new Map<string, Row>();
  for await (const row of next!.rows()) {
    const key = keyOf(row, primaryKey);
    const before = hashes.get(key);
    if (before === undefined) {
      keep(changes, "added", row, limit);
      continue;
    }
    hashes.delete(key);
    if (before === rowHash(row)) continue;
    changes.counts.modified++;
    if (modifiedRows.size < limit) modifiedRows.set(key, row);
  }
  changes.counts.removed = hashes.size;
  const removedKeys = new Set([...hashes.keys()].slice(0, limit));
  hashes.clear();
  if (removedKeys.size > 0 || modifiedRows.size > 0) {
    for await (const row of previous!.rows()) {
      const key = keyOf(row, primaryKey);
      if (removedKeys.has(key)) changes.removed.push(row);
      const after = modifiedRows.get(key);
      if (after) changes.modified.push(modifiedRow(primaryKey, row, after));
    }
  }
  // The modified rows in the new file's order, as the added ones.
  const order = [...modifiedRows.keys()];
  changes.modified.sort((a, b) => order.indexOf(keyOf(a.key, primaryKey)) - order.indexOf(keyOf(b.key, primaryKey)));
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

function finish(changes: TableChanges): TableChanges {
  const { added, removed, modified } = changes.counts;
  changes.truncated = changes.added.length < added || changes.removed.length < removed || changes.modified.length < modified;
  return changes;
}

/** Previous rows' hashes by key; undefined when they cannot be matched by this key. */
async function hashByKey(previous: TableVersion, primaryKey: readonly string[]): Promise<Map<string, string> | undefined> {
  const hashes = new Map<string, string>();
  for await (const row of previous.rows()) {
    if (primaryKey.some((field) => row[field] === undefined)) return undefined;
    const key = keyOf(row, primaryKey);
    if (hashes.has(key)) return undefined;
    hashes.set(key, rowHash(row));
  }
  return hashes;
}

/** The key's cells, or the whole row for a table without a primary key. */
function keyOf(row: Row, primaryKey: readonly string[]): string {
  return primaryKey.length === 0 ? `row:${rowHash(row)}` : JSON.stringify(primaryKey.map((field) => row[field] ?? ""));
}

/**
 * 96 bits of the row's non-empty cells sorted by field: a column added empty, or the columns
 * reordered, is no change; a value that differs is.
 */
function rowHash(row: Row): string {
  const cells = Object.entries(row).filter(([, value]) => value !== "").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha1").update(JSON.stringify(cells)).digest("base64").slice(0, 16);
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
