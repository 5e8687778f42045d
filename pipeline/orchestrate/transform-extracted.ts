import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration } from "../declaration/types.ts";
import { SOURCE_ROW_NUMBER } from "../extract/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { mapInputs } from "../transform/map-inputs.ts";
import type { TransformIssue } from "../transform/map-records.ts";
import type { StreamedTable, Table } from "../transform/table.ts";
import type { TableOrigin } from "../validate/locate-errors.ts";
import type { ProgressMeter } from "../log/progress.ts";
import type { ExtractedResource } from "./extract-package.ts";

export interface TransformedTables {
  /** One table per resource read from sources, in declaration order (derived resources come later). Each is read once. */
  tables: StreamedTable[];
  /** Where each row of each table came from, by resource name: to point a validation error at its source cell. */
  origins: Map<string, TableOrigin>;
  /** Cells that could not be mapped to their field: any one of them stops the build. Complete once every table is read. */
  issues: TransformIssue[];
  /** Rows mapped so far, over every table. */
  rows: number;
}

/** Counts the rows mapped so far for one resource; see log/progress.ts. */
export type MeterFactory = (subject: string) => ProgressMeter;

export interface TransformOptions {
  /** Adds the time spent mapping: the transform stage's share of the streamed pass. */
  elapsed?: (milliseconds: number) => void;
  /**
   * Fills a table's empty cells from elsewhere (declarations with `enrich`): such a table is
   * held whole until it is done, the only one that is.
   */
  enrich?: (table: Table) => Promise<void>;
  /** Tells how many rows of each table were mapped, as they stream. */
  meter?: MeterFactory;
}

/**
 * The transform stage: each resource's extracted records, from all its inputs, mapped to its
 * schema. The tables stream: their rows are mapped as the package stage writes them.
 */
export function transformExtracted(
  declaration: Declaration,
  schemas: Readonly<Record<string, Schema>>,
  extracted: readonly ExtractedResource[],
  options: TransformOptions = {},
): TransformedTables {
  const transformed: TransformedTables = { tables: [], origins: new Map(), issues: [], rows: 0 };
  for (const resource of declaration.resources) {
    const inputs = inputsOf(resource);
    if (inputs.length === 0) continue;
    const schema = schemas[resource.name];
    if (schema === undefined) throw new Error(`no schema loaded for resource "${resource.name}"`);
    const mapped = mapInputs(
      schema,
      extracted
        .filter((e) => e.name === resource.name)
        .map((e) => ({ source: e.provenance().source, records: e.records, mapping: inputs[e.input]?.mapping ?? {}, rowNumberOf: sourceRowNumber })),
      { elapsed: options.elapsed },
    );
    transformed.origins.set(resource.name, mapped.origins);
    async function* rows(): AsyncGenerator<unknown[]> {
      const read = counted(mapped.rows, transformed, options.meter?.(resource.name));
      const keepIssues = () => {
        for (const issue of mapped.issues) transformed.issues.push(issue);
      };
      if (!resource.enrich || !options.enrich) {
        yield* read;
        keepIssues();
        return;
      }
      const table: Table = { name: resource.name, schema: schema as Schema, rows: [] };
      for await (const row of read) table.rows.push(row);
      keepIssues();
      await options.enrich(table);
      yield* table.rows;
    }
    transformed.tables.push({ name: resource.name, schema, rows: rows() });
  }
  return transformed;
}

/** Counts the rows mapped, over every table and on this table's meter (every thousand rows: a loop over millions stays cheap). */
async function* counted(rows: AsyncIterable<unknown[]>, transformed: TransformedTables, meter: ProgressMeter | undefined): AsyncGenerator<unknown[]> {
  let count = 0;
  for await (const row of rows) {
    transformed.rows++;
    if (meter && ++count % 1000 === 0) meter.update({ rows: count });
    yield row;
  }
  meter?.done();
}

/** The physical row the connector recorded, else the position (the header is row 1). */
function sourceRowNumber(record: Record<string, unknown>, index: number): number {
  return typeof record[SOURCE_ROW_NUMBER] === "number" ? (record[SOURCE_ROW_NUMBER] as number) : index + 2;
}
