import type { Mapping } from "../declaration/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { RecordMapper, type TransformIssue } from "./map-records.ts";
import { RowOrigins } from "./row-origins.ts";

export type { RowOrigin } from "./row-origins.ts";

/** One source's records, ready to be mapped to the resource's schema. */
export interface InputRecords {
  /** The source, as the connector names it (path relative to the declaration, or URL). */
  source: string;
  records: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
  mapping: Readonly<Mapping>;
  /** Physical source row of a record, when the connector knows it. */
  rowNumberOf?: (record: Record<string, unknown>, index: number) => number;
}

export interface MappedResource {
  /** Logical values in schema field order: the rows of the first input, then of the next… Read once. */
  rows: AsyncIterable<unknown[]>;
  /** For each row read so far, its origin. */
  origins: RowOrigins;
  /** Problems found so far; complete once `rows` has been read to the end. */
  issues: TransformIssue[];
}

export interface MapInputsOptions {
  /** Adds the time spent mapping (not waiting for records): the transform stage's share of a streamed pass. */
  elapsed?: (milliseconds: number) => void;
}

/**
 * The table of one resource from all its sources: each input is read with its own mapping
 * (a team's spreadsheet and a transcription of a public page do not share column names),
 * and the rows are appended in the order the declaration lists the inputs. Keys that
 * collide across inputs are left to validation, which points back at both source rows.
 * Rows stream: each is handed on as soon as it is mapped, and only its origin is kept.
 */
export function mapInputs(schema: Schema, inputs: readonly InputRecords[], options: MapInputsOptions = {}): MappedResource {
  const origins = new RowOrigins();
  const issues: TransformIssue[] = [];
  async function* rows(): AsyncGenerator<unknown[]> {
    for (const input of inputs) {
      const mapper = new RecordMapper({ schema, mapping: input.mapping, source: input.source, rowNumberOf: input.rowNumberOf });
      origins.startInput(input.source, input.mapping);
      for await (const record of input.records) {
        const started = performance.now();
        const row = mapper.map(record);
        origins.add(mapper.lastRowNumber);
        options.elapsed?.(performance.now() - started);
        yield row;
      }
      for (const issue of mapper.finish()) issues.push(issue);
    }
  }
  return { rows: rows(), origins, issues };
}
