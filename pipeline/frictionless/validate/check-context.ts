import type { Package, Resource, Schema } from "../descriptor/types.ts";
import type { CheckContext } from "./check.ts";
import { findResource, type TableContext } from "./table-context.ts";

/**
 * What the custom checks of a table checked in chunks see of the package, as plain data for the
 * worker threads: the other tables' rows that the checks read when they started on the calling
 * thread (the calls of `decision-date-in-call-window`), read once, as foreign keys' keys are.
 */
export interface CheckContextData {
  schema: Schema;
  resource: Resource;
  package?: Package;
  rows: Record<string, Record<string, unknown>[]>;
}

/** The context of a table's checks: other tables are read from the package as the checks ask. */
export function checkContext(schema: Schema, resource: Resource, context: TableContext, basePath: string): CheckContext {
  return {
    schema,
    resource,
    ...(context.package ? { package: context.package } : {}),
    readRows: (name) => recordsOf(findResource(context.package, name), basePath),
  };
}

/**
 * The table reader is imported when a check reads a table, not with this module: the worker
 * threads import this module for `replayedContext` and never read a table, and the reader's
 * formats (XLSX, zip) would cost each of them tens of milliseconds of CPU to load.
 */
async function* recordsOf(resource: Resource, basePath: string): AsyncGenerator<Record<string, unknown>> {
  const { readRecords } = await import("./read-logical-rows.ts");
  yield* readRecords(resource, basePath);
}

/** `checkContext`, which also keeps the rows the checks read, for `replayedContext`. */
export function recordingContext(live: CheckContext): { context: CheckContext; data: CheckContextData } {
  const data: CheckContextData = { schema: live.schema, resource: live.resource, ...(live.package ? { package: live.package } : {}), rows: {} };
  async function* readRows(name: string): AsyncGenerator<Record<string, unknown>> {
    const rows: Record<string, unknown>[] = [];
    try {
      for await (const row of live.readRows(name)) {
        rows.push(row);
        yield row;
      }
    } finally {
      data.rows[name] = rows;
    }
  }
  return { context: { ...live, readRows }, data };
}

/** The context a worker thread's checks start with: the rows recorded on the calling thread. */
export function replayedContext(data: CheckContextData): CheckContext {
  async function* readRows(name: string): AsyncGenerator<Record<string, unknown>> {
    yield* data.rows[name] ?? [];
  }
  return { schema: data.schema, resource: data.resource, ...(data.package ? { package: data.package } : {}), readRows };
}
