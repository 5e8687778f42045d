import type { Schema } from "../../descriptor/types.ts";
import type { ValidationError } from "../../errors/index.ts";
import { compileSchema } from "../../field/index.ts";
import { ErrorCollector } from "../error-collector.ts";
import { KeyChecks, type ForeignKeyShape } from "../key-checks.ts";
import { KeyHashSet } from "../key-hash-set.ts";
import type { ValidateOptions } from "../options.ts";
import { RowChecks } from "../row-checks.ts";
import { readChunk, type ChunkBytes, type ChunkEnd, type ChunkFormat } from "./read-chunk.ts";

/** What every chunk of one table is checked against: plain data, sent once to each worker thread. */
export interface ChunkSetup {
  format: ChunkFormat;
  /** The table's schema, normalised. */
  schema: Schema;
  /** Source column of each schema field (-1: absent), as the header check matched them. */
  columns: number[];
  /** Cells a row may have before they are extra cells. */
  width: number;
  foreignKeys: ForeignKeyShape[];
  errorOptions: Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors">;
}

export interface ChunkJob extends ChunkBytes {
  id: number;
}

/** A chunk's rows, checked: row numbers count from the chunk's first record (see `readChunk`). */
export interface ChunkResult {
  id: number;
  records: number;
  unfinishedBytes: number;
  badByteOffset?: number;
  problem?: ChunkEnd["problem"];
  /** The chunk's errors reached the limit before its last row: the rows after were not checked. */
  stopped: boolean;
  /** The checked rows' numbers, in order. */
  rowNumbers: Uint32Array<ArrayBuffer>;
  /** Per checked row, its key hashes (`KeyChecks.hashRow`), for the key sets kept by the main thread. */
  hashes: Int32Array<ArrayBuffer>;
  /** Errors of the checks that need only the row (types, constraints, cells), in row order. */
  errors: ValidationError[];
}

/** Checks chunks of one table, row by row, apart from the checks across rows (their keys are only hashed). */
export class ChunkChecker {
  private readonly schema: ReturnType<typeof compileSchema>;
  private readonly keys: KeyChecks;

  constructor(private readonly setup: ChunkSetup) {
    this.schema = compileSchema(setup.schema);
    // Only `hashRow` is used here: the key sets themselves live on the main thread.
    this.keys = new KeyChecks(this.schema, setup.columns, setup.foreignKeys.map((fk) => ({ ...fk, index: new KeyHashSet() })));
  }

  async check(job: ChunkJob): Promise<ChunkResult> {
    const end: ChunkEnd = { records: 0, unfinishedBytes: 0 };
    const errors = new ErrorCollector(this.setup.errorOptions);
    const checks = this.rowChecks(errors);
    checks.reuseValues();
    const width = 2 * this.keys.width;
    // Grown as the batches come, trimmed to the rows checked when returned.
    let hashes = new Int32Array(1024 * width);
    let rowNumbers = new Uint32Array(1024);
    let checked = 0;
    let stopped = false;
    read: for await (const batch of readChunk(job, this.setup.format, end)) {
      if (checked + batch.length > rowNumbers.length) {
        const size = Math.max(2 * rowNumbers.length, checked + batch.length);
        rowNumbers = grow(rowNumbers, size);
        hashes = grow(hashes, size * width);
      }
      for (const row of batch) {
        const values = checks.checkCells(row);
        this.keys.hashRow(values, hashes, checked * width);
        rowNumbers[checked++] = row.rowNumber;
        if (errors.full) {
          stopped = true;
          break read;
        }
      }
    }
    return {
      id: job.id,
      records: end.records,
      unfinishedBytes: end.unfinishedBytes,
      stopped,
      ...(end.badByteOffset === undefined ? {} : { badByteOffset: end.badByteOffset }),
      ...(end.problem === undefined ? {} : { problem: end.problem }),
      rowNumbers: rowNumbers.slice(0, checked),
      hashes: hashes.slice(0, checked * width),
      errors: errors.errors,
    };
  }

  /** The chunk's rows with their logical values: to build the errors of key checks that failed on them. */
  async values(job: ChunkJob, rowNumbers: ReadonlySet<number>): Promise<Map<number, { values: unknown[]; cells: unknown[] }>> {
    const checks = this.rowChecks(new ErrorCollector({ limitErrors: Infinity }));
    const found = new Map<number, { values: unknown[]; cells: unknown[] }>();
    for await (const batch of readChunk(job, this.setup.format, { records: 0, unfinishedBytes: 0 })) {
      for (const row of batch) {
        if (rowNumbers.has(row.rowNumber)) found.set(row.rowNumber, { values: checks.checkCells(row), cells: row.cells });
      }
    }
    return found;
  }

  private rowChecks(errors: ErrorCollector): RowChecks {
    return new RowChecks(this.schema, this.setup.columns, this.setup.width, this.keys, errors);
  }
}

function grow<T extends Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
