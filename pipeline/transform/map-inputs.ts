import type { Mapping } from "../declaration/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { mapRecords, type TransformIssue } from "./map-records.ts";

/** One source's records, ready to be mapped to the resource's schema. */
export interface InputRecords {
  /** The source, as the connector names it (path relative to the declaration, or URL). */
  source: string;
  records: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
  mapping: Readonly<Mapping>;
  /** Physical source row of a record, when the connector knows it. */
  rowNumberOf?: (record: Record<string, unknown>, index: number) => number;
}

/** Where one row of a table came from: the source the team edits, its row, and how it was mapped. */
export interface RowOrigin {
  source: string;
  rowNumber: number;
  mapping: Readonly<Mapping>;
}

export interface MappedResource {
  /** Logical values in schema field order: the rows of the first input, then of the next… */
  rows: unknown[][];
  /** For each row, its origin. */
  origins: RowOrigin[];
  issues: TransformIssue[];
}

/**
 * The table of one resource from all its sources: each input is read with its own mapping
 * (a team's spreadsheet and a transcription of a public page do not share column names),
 * and the rows are appended in the order the declaration lists the inputs. Keys that
 * collide across inputs are left to validation, which points back at both source rows.
 */
export async function mapInputs(schema: Schema, inputs: readonly InputRecords[]): Promise<MappedResource> {
  const mapped: MappedResource = { rows: [], origins: [], issues: [] };
  for (const input of inputs) {
    const table = await mapRecords(input.records, { schema, mapping: input.mapping, source: input.source, rowNumberOf: input.rowNumberOf });
    // Loops rather than push(...spread): a spread of a very long array overflows the call stack.
    for (const row of table.rows) mapped.rows.push(row);
    for (const rowNumber of table.sourceRows) mapped.origins.push({ source: input.source, rowNumber, mapping: input.mapping });
    for (const issue of table.issues) mapped.issues.push(issue);
  }
  return mapped;
}
