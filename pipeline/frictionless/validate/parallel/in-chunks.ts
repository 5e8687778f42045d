import { openTable } from "../../table/open-table.ts";
import type { CheckModule } from "../check.ts";
import { checkContext, recordingContext, type CheckContextData } from "../check-context.ts";
import { comparesRows, startChecks, type StartedCheck } from "../custom-checks.ts";
import { openResource } from "../open-resource.ts";
import { RowByRow } from "../row-by-row.ts";
import { ChunkChecker, type ChunkChecks, type ChunkSetup } from "./check-chunk.ts";
import type { TableReader } from "../../table/types.ts";
import { errorOptions } from "../options.ts";
import type { RowsOutcome, RowStrategy, RowsToCheck, TableToCheck } from "../row-strategy.ts";
import { headSource, type ParallelPlan } from "./chunk-plan.ts";
import { workerThreads } from "./early-threads.ts";
import { validateInParallel } from "./validate-in-parallel.ts";
import { ChunkWorkers } from "./worker-pool.ts";
import { checkModuleUrl } from "./worker-script.ts";

/**
 * A big CSV file checked in chunks on worker threads and this one (`validateInParallel`), with the report
 * that reading it row by row gives. The threads start as soon as the plan is made: they are
 * ready by the time the header and the foreign keys are read.
 */
export class InChunks implements RowStrategy {
  private readonly workers: ChunkWorkers;

  constructor(private readonly plan: ParallelPlan) {
    this.workers = ChunkWorkers.spawn(workerThreads(plan.threads));
  }

  /** The header is read from the first chunk, already in memory. */
  open(table: TableToCheck): Promise<TableReader> {
    return openTable(headSource(this.plan, table.place));
  }

  async check(table: RowsToCheck): Promise<RowsOutcome> {
    const { plan } = this;
    const { resource, errors, options, compiled } = table;
    // The header alone may have reached the error limit: no chunk is read.
    if (errors.full) return { rows: 0, stats: table.reader.stats(), complete: false };
    // Started here once, as row by row: their warnings and start failures are the task's.
    const live = checkContext(compiled.schema, resource, table.context, table.basePath);
    const recording = recordingContext(live);
    const started = await startChecks(compiled.schema, options.checks, recording.context, errors, table.warnings);
    // A check that compares rows with each other must see them all in one place: the table is read row by row.
    if (comparesRows(started) || (started.length > 0 && options.checksModule === undefined)) return this.rowByRow(table, started);
    const foreignKeys = table.foreignKeys.map(({ index: _, ...shape }) => shape);
    const checks = started.length === 0 ? undefined : await chunkChecks(options.checksModule as CheckModule, started, recording.data);
    const setup: ChunkSetup = { format: plan.format, schema: compiled.schema, columns: table.header.columns, width: table.header.width, foreignKeys, errorOptions: errorOptions(options), ...(checks ? { checks } : {}) };
    const onProgress = options.onProgress;
    return validateInParallel({
      plan,
      workers: this.workers,
      local: ChunkChecker.withStarted(setup, started),
      stop: table.stop,
      setup,
      keys: table.keys,
      errors,
      place: table.place,
      digests: table.digests,
      ...(onProgress ? { onProgress: (rows: number, bytes: number) => onProgress({ resource: resource.name, rows, bytes, expectedBytes: plan.size }) } : {}),
    });
  }

  /** Reads the whole table again, row by row: the threads are not needed. */
  private async rowByRow(table: RowsToCheck, started: StartedCheck[]): Promise<RowsOutcome> {
    void this.workers.close();
    const reader = await openResource(table.resource, table.basePath, table.digests, table.options.limits);
    return new RowByRow().check({ ...table, reader }, started);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

/** The started checks, as the worker threads start them again. */
async function chunkChecks(module: CheckModule, started: StartedCheck[], context: CheckContextData): Promise<ChunkChecks> {
  return { moduleUrl: await checkModuleUrl(module.url), exportName: module.exportName, declared: started.map(({ name, params }) => ({ name, params })), context };
}
