import { TableReadError } from "../table/read-error.ts";
import type { ReadStats, SourceRow, TableReader } from "../table/types.ts";
import { BatchChecks } from "./batch-checks.ts";
import { checkContext } from "./check-context.ts";
import { startChecks, type StartedCheck } from "./custom-checks.ts";
import type { ErrorCollector } from "./error-collector.ts";
import type { KeyChecks } from "./key-checks.ts";
import { openResource } from "./open-resource.ts";
import { errorOptions } from "./options.ts";
import type { RowsOutcome, RowStrategy, RowsToCheck, TableToCheck } from "./row-strategy.ts";

/**
 * The rows read in order on this thread, checked a batch at a time (cells, keys, custom checks:
 * `BatchChecks`) with the report of one row at a time: any table, any source. Memory holds a
 * batch of rows and the key sets.
 */
export class RowByRow implements RowStrategy {
  open(table: TableToCheck): Promise<TableReader> {
    return openResource(table.resource, table.basePath, table.digests, table.options.limits);
  }

  /** `started`: the table's custom checks, when they were started already (a table that could not be checked in chunks after all). */
  async check(table: RowsToCheck, started?: StartedCheck[]): Promise<RowsOutcome> {
    const { compiled, header, errors, options } = table;
    const checks = started ?? (await startChecks(compiled.schema, options.checks, checkContext(compiled.schema, table.resource, table.context, table.basePath), errors, table.warnings));
    const batches = new BatchChecks(compiled, header.columns, header.width, table.keys, errors, errorOptions(options), checks);
    // As frictionless-py: 0 sets no limit.
    const limitRows = options.limitRows || Infinity;
    const reading = new RowReading(table, batches, limitRows);
    try {
      // The header alone may have reached the error limit.
      if (!errors.full) await reading.readAll();
    } catch (cause) {
      if (!(cause instanceof TableReadError)) throw cause;
      errors.push(cause.error);
    }
    if (!errors.full) batches.end();
    return { rows: reading.rows, stats: table.reader.stats(), complete: reading.rows < limitRows && !errors.full };
  }

  async close(): Promise<void> {}
}

/** One read of the rows: counts them and stops at the row limit or the error limit. */
class RowReading {
  rows = 0;
  private readonly errors: ErrorCollector;

  constructor(
    private readonly table: RowsToCheck,
    private readonly batches: BatchChecks,
    private readonly limitRows: number,
  ) {
    this.errors = table.errors;
  }

  async readAll(): Promise<void> {
    const { reader, stop, options } = this.table;
    let first = true;
    for await (const batch of reader.batches) {
      await stop.check();
      if (first) this.reserveKeys(batch.length, reader);
      first = false;
      if (!this.checkBatch(batch)) return;
      if (options.onProgress) {
        const { bytes, expectedBytes } = reader.stats();
        options.onProgress({ resource: this.table.resource.name, rows: this.rows, bytes, expectedBytes });
      }
    }
  }

  /** Checks a batch's rows; false once a limit stops the read. */
  private checkBatch(batch: SourceRow[]): boolean {
    const { limitRows, errors } = this;
    this.rows += this.batches.check(batch, Math.min(batch.length, limitRows - this.rows));
    if (this.rows >= limitRows) {
      this.table.warnings.push(`reached row limit: ${limitRows}`);
      return false;
    }
    return !errors.full;
  }

  private reserveKeys(firstRows: number, reader: TableReader): void {
    reserveKeys(this.table.keys, firstRows, reader.stats(), this.limitRows);
  }
}

/** Sizes the key sets from the first rows read: an estimate, capped, as short first rows must not reserve gigabytes for a big file. */
export function reserveKeys(keys: KeyChecks, firstRows: number, { bytes, expectedBytes }: ReadStats, limitRows = Infinity): void {
  const estimate = expectedBytes !== undefined && bytes > 0 ? estimateRows(firstRows, bytes, expectedBytes) : 0;
  keys.reserve(Math.min(limitRows, estimate));
}

/** Rows a source of `expectedBytes` bytes may hold, from `rows` rows in `bytes` of it, with a tenth to spare. */
export function estimateRows(rows: number, bytes: number, expectedBytes: number): number {
  return Math.ceil(((rows * expectedBytes) / bytes) * 1.1);
}
