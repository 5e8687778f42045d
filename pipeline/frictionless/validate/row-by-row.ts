import type { CompiledSchema } from "../field/index.ts";
import { TableReadError } from "../table/read-error.ts";
import type { SourceRow, TableReader } from "../table/types.ts";
import type { CheckContext } from "./check.ts";
import { CustomChecks } from "./custom-checks.ts";
import type { ErrorCollector } from "./error-collector.ts";
import { openResource } from "./open-resource.ts";
import { readRecords } from "./read-logical-rows.ts";
import { RowChecks } from "./row-checks.ts";
import type { RowsOutcome, RowStrategy, RowsToCheck, TableToCheck } from "./row-strategy.ts";
import { findResource } from "./table-context.ts";

/**
 * The rows read in order on this thread, each checked (cells, keys, custom checks) before the
 * next is read: any table, any source. Memory holds a batch of rows and the key sets.
 */
export class RowByRow implements RowStrategy {
  open(table: TableToCheck): Promise<TableReader> {
    return openResource(table.resource, table.basePath, table.digests, table.options.limits);
  }

  async check(table: RowsToCheck): Promise<RowsOutcome> {
    const { compiled, header, errors } = table;
    const checks = new RowChecks(compiled, header.columns, header.width, table.keys, errors);
    const custom = await CustomChecks.create(compiled.schema, table.options.checks, checkContext(table), compiled.fields, header.columns, errors, table.warnings);
    // Custom checks may keep a row until `end()`; without them, one values array serves every row.
    if (custom === undefined) checks.reuseValues();
    // As frictionless-py: 0 sets no limit.
    const limitRows = table.options.limitRows || Infinity;
    const reading = new RowReading(table, checks, custom, limitRows);
    try {
      // The header alone may have reached the error limit.
      if (!errors.full) await reading.readAll();
    } catch (cause) {
      if (!(cause instanceof TableReadError)) throw cause;
      errors.push(cause.error);
    }
    if (!errors.full && custom) custom.end();
    return { rows: reading.rows, stats: table.reader.stats(), complete: reading.rows < limitRows && !errors.full };
  }

  async close(): Promise<void> {}
}

/** One read of the rows: counts them and stops at the row limit or the error limit. */
class RowReading {
  rows = 0;
  private readonly errors: ErrorCollector;
  private readonly byName: ReadonlyMap<string, number>;

  constructor(
    private readonly table: RowsToCheck,
    private readonly checks: RowChecks,
    private readonly custom: CustomChecks | undefined,
    private readonly limitRows: number,
  ) {
    this.errors = table.errors;
    this.byName = fieldPositions(table.compiled);
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
    const { checks, custom, limitRows, errors } = this;
    for (let k = 0; k < batch.length; k++) {
      const row = batch[k] as SourceRow;
      this.rows++;
      const values = checks.check(row);
      if (custom) custom.row(row.rowNumber, values, row.cells, this.byName);
      if (this.rows >= limitRows) {
        this.table.warnings.push(`reached row limit: ${limitRows}`);
        return false;
      }
      if (errors.full) return false;
    }
    return true;
  }

  /** Sizes the key sets from the first batch: an estimate, capped, as short first rows must not reserve gigabytes for a big file. */
  private reserveKeys(firstRows: number, reader: TableReader): void {
    const { bytes, expectedBytes } = reader.stats();
    const estimate = expectedBytes !== undefined && bytes > 0 ? Math.ceil(((firstRows * expectedBytes) / bytes) * 1.1) : 0;
    this.table.keys.reserve(Math.min(this.limitRows, estimate));
  }
}

/** Each field name's first position: how custom checks read a row's values by name. */
function fieldPositions(compiled: CompiledSchema): Map<string, number> {
  const byName = new Map<string, number>();
  compiled.fields.forEach((field, k) => {
    if (!byName.has(field.name)) byName.set(field.name, k);
  });
  return byName;
}

/** What custom checks see of the table and the package around it. */
function checkContext(table: RowsToCheck): CheckContext {
  const { resource, context, basePath } = table;
  return {
    schema: table.compiled.schema,
    resource,
    ...(context.package ? { package: context.package } : {}),
    readRows: (name) => readRecords(findResource(context.package, name), basePath),
  };
}
