import { openTable } from "../../table/open-table.ts";
import type { TableReader } from "../../table/types.ts";
import type { ValidateOptions } from "../options.ts";
import type { RowsOutcome, RowStrategy, RowsToCheck, TableToCheck } from "../row-strategy.ts";
import { headSource, type ParallelPlan } from "./chunk-plan.ts";
import { validateInParallel } from "./validate-in-parallel.ts";
import { ChunkWorkers } from "./worker-pool.ts";

/**
 * A big CSV file checked in chunks on worker threads (`validateInParallel`), with the report
 * that reading it row by row gives. The threads start as soon as the plan is made: they are
 * ready by the time the header and the foreign keys are read.
 */
export class InChunks implements RowStrategy {
  private readonly workers: ChunkWorkers;

  constructor(private readonly plan: ParallelPlan) {
    this.workers = ChunkWorkers.spawn(plan.threads);
  }

  /** The header is read from the first chunk, already in memory. */
  open(table: TableToCheck): Promise<TableReader> {
    return openTable(headSource(this.plan, table.place));
  }

  async check(table: RowsToCheck): Promise<RowsOutcome> {
    const { plan } = this;
    const { resource, errors, options } = table;
    // The header alone may have reached the error limit: no chunk is read.
    if (errors.full) return { rows: 0, stats: table.reader.stats(), complete: false };
    const foreignKeys = table.foreignKeys.map(({ index: _, ...shape }) => shape);
    const setup = { format: plan.format, schema: table.compiled.schema, columns: table.header.columns, width: table.header.width, foreignKeys, errorOptions: errorOptions(options) };
    const onProgress = options.onProgress;
    return validateInParallel({
      plan,
      workers: this.workers,
      stop: table.stop,
      setup,
      keys: table.keys,
      errors,
      place: table.place,
      digests: table.digests,
      ...(onProgress ? { onProgress: (rows: number, bytes: number) => onProgress({ resource: resource.name, rows, bytes, expectedBytes: plan.size }) } : {}),
    });
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

/** The error options each worker's own collector applies to its chunk. */
function errorOptions({ limitErrors, pickErrors, skipErrors }: ValidateOptions): Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors"> {
  return { ...(limitErrors === undefined ? {} : { limitErrors }), ...(pickErrors ? { pickErrors } : {}), ...(skipErrors ? { skipErrors } : {}) };
}
