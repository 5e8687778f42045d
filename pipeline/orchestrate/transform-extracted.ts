import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration } from "../declaration/types.ts";
import { SOURCE_ROW_NUMBER } from "../extract/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { mapInputs } from "../transform/map-inputs.ts";
import type { TransformIssue } from "../transform/map-records.ts";
import type { Table } from "../transform/table.ts";
import type { TableOrigin } from "../validate/locate-errors.ts";
import type { ProgressMeter } from "../log/progress.ts";
import type { ExtractedResource } from "./extract-package.ts";

export interface TransformedTables {
  /** One table per resource read from sources, in declaration order (derived resources come later). */
  tables: Table[];
  /** Where each row of each table came from, by resource name: to point a validation error at its source cell. */
  origins: Map<string, TableOrigin>;
  /** Cells that could not be mapped to their field: any one of them stops the build. */
  issues: TransformIssue[];
}

/** Counts the rows mapped so far for one resource; see log/progress.ts. */
export type MeterFactory = (subject: string) => ProgressMeter;

/** The transform stage: each resource's extracted records, from all its inputs, mapped to its schema. */
export async function transformExtracted(declaration: Declaration, schemas: Readonly<Record<string, Schema>>, extracted: readonly ExtractedResource[], meter?: MeterFactory): Promise<TransformedTables> {
  const transformed: TransformedTables = { tables: [], origins: new Map(), issues: [] };
  for (const resource of declaration.resources) {
    const inputs = inputsOf(resource);
    if (inputs.length === 0) continue;
    const schema = schemas[resource.name];
    if (schema === undefined) throw new Error(`no schema loaded for resource "${resource.name}"`);
    const counter = rowCounter(meter?.(resource.name));
    const mapped = await mapInputs(
      schema,
      extracted
        .filter((e) => e.name === resource.name)
        .map((e) => ({ source: e.provenance.source, records: counter.count(e.records), mapping: inputs[e.input]?.mapping ?? {}, rowNumberOf: sourceRowNumber })),
    );
    counter.done();
    transformed.issues.push(...mapped.issues);
    transformed.tables.push({ name: resource.name, schema, rows: mapped.rows });
    transformed.origins.set(resource.name, mapped.origins);
  }
  return transformed;
}

/** The physical row the connector recorded, else the position (the header is row 1). */
function sourceRowNumber(record: Record<string, unknown>, index: number): number {
  return typeof record[SOURCE_ROW_NUMBER] === "number" ? (record[SOURCE_ROW_NUMBER] as number) : index + 2;
}

/** Tells the meter how many records were mapped, every thousand: a loop over millions stays cheap. */
function rowCounter(meter: ProgressMeter | undefined): { count<T>(records: readonly T[]): Iterable<T>; done(): void } {
  let rows = 0;
  return {
    *count(records) {
      for (const record of records) {
        if (meter && ++rows % 1000 === 0) meter.update({ rows });
        yield record;
      }
    },
    done: () => meter?.done(),
  };
}
