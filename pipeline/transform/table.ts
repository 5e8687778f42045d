import type { Schema } from "../frictionless/index.ts";

/** A table between stages: logical values in schema field order. */
export interface Table {
  name: string;
  schema: Schema;
  rows: unknown[][];
}

/** A table whose rows are read once, as they come (a large source streams through the stages). */
export interface StreamedTable {
  name: string;
  schema: Schema;
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>;
}

/** Rows as objects keyed by field name: the shape custom derivations (SCDL, coverage) read. */
export function rowsToObjects(table: Table): Record<string, unknown>[] {
  const names = table.schema.fields.map((field) => field.name);
  return table.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])));
}

/** Objects keyed by field name → rows in schema field order; keys the schema lacks are a bug, said loudly. */
export function objectsToRows(schema: Schema, objects: readonly Record<string, unknown>[], what: string): unknown[][] {
  const toRow = rowMaker(schema, what);
  return objects.map((object, index) => toRow(object, index));
}

/** The same, one object at a time (rows streamed by a derivation); `index` names the row in the error. */
export function rowMaker(schema: Schema, what: string): (object: Record<string, unknown>, index: number) => unknown[] {
  const names = schema.fields.map((field) => field.name);
  const known = new Set(names);
  return (object, index) => {
    for (const key of Object.keys(object)) {
      if (!known.has(key)) throw new Error(`${what}: row ${index + 1} has a value for "${key}", which is not a field of its schema`);
    }
    return names.map((name) => object[name] ?? null);
  };
}
