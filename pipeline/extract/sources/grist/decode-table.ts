import type { SourceRecord } from "../../types.ts";
import { decodeCell, referencedTable } from "./decode-cell.ts";
import type { GristColumn, GristRecord } from "./grist-client.ts";

/** A table referenced by a Ref/RefList column: its rows by id, already decoded. */
export interface ReferencedRows {
  rows: Map<number, SourceRecord>;
  columns: GristColumn[];
}

export type ReferenceMode = "display" | "record";

/** Cells that gave no value, per column and reason, for one warning each. */
export type CellProblems = Map<string, number>;

/** Records with cells decoded by column type; reference cells keep their row ids. */
export function decodeRecords(records: readonly GristRecord[], columns: readonly GristColumn[], problems: CellProblems): SourceRecord[] {
  const types = new Map(columns.map((column) => [column.id, column.fields.type]));
  return records.map((record) => {
    const out: SourceRecord = { id: record.id };
    for (const [column, raw] of Object.entries(record.fields)) {
      const decoded = decodeCell(raw, types.get(column));
      out[column] = decoded.value;
      if (decoded.problem) {
        const key = `${column}: ${decoded.problem}`;
        problems.set(key, (problems.get(key) ?? 0) + 1);
      }
    }
    return out;
  });
}

/**
 * Replace row ids in reference columns. In `display` mode a reference becomes the value of
 * the referenced row's visible column (the one Grist shows in the cell; the row id when the
 * column shows ids); in `record` mode, the referenced row's fields with its id. References
 * of the referenced rows are not followed further. A dangling id gives null.
 */
export function resolveReferences(
  records: SourceRecord[],
  columns: readonly GristColumn[],
  referenced: ReadonlyMap<string, ReferencedRows>,
  mode: ReferenceMode,
  problems: CellProblems,
): void {
  for (const column of columns) {
    const table = referencedTable(column.fields.type);
    const target = table === undefined ? undefined : referenced.get(table);
    if (!target) continue;
    const visible = target.columns.find((candidate) => column.fields.visibleCol && candidate.fields.colRef === column.fields.visibleCol)?.id;
    const resolve = (id: unknown): unknown => {
      if (typeof id !== "number") return id ?? null;
      const row = target.rows.get(id);
      if (!row) {
        const key = `${column.id}: reference to row ${id} of ${table}, which does not exist`;
        problems.set(key, (problems.get(key) ?? 0) + 1);
        return null;
      }
      if (mode === "record") return row;
      return visible === undefined ? id : (row[visible] ?? null);
    };
    for (const record of records) {
      const value = record[column.id];
      record[column.id] = Array.isArray(value) ? value.map(resolve) : resolve(value);
    }
  }
}
