import type { Resource } from "../descriptor/types.ts";
import { DescriptorError } from "../errors/index.ts";
import { compileSchema, formatWarnings, type CompiledSchema } from "../field/index.ts";
import { round } from "../report/build-report.ts";
import type { ReportTask } from "../report/types.ts";
import { TableReadError } from "../table/read-error.ts";
import type { ReadStats, TableReader } from "../table/types.ts";
import { ErrorCollector } from "./error-collector.ts";
import { checkBytesAndHash, declaredHash, digestsToCompute, type DeclaredHash } from "./file-checks.ts";
import { resolveForeignKeys } from "./foreign-keys.ts";
import { matchHeader, type HeaderMatch } from "./header-check.ts";
import { inferSchema } from "./infer-schema.ts";
import { KeyChecks } from "./key-checks.ts";
import { localPath } from "./open-resource.ts";
import type { ValidateOptions } from "./options.ts";
import { planParallel } from "./parallel/chunk-plan.ts";
import { InChunks } from "./parallel/in-chunks.ts";
import { RowByRow } from "./row-by-row.ts";
import type { RowStrategy, TableToCheck } from "./row-strategy.ts";
import { SerialSpans, spansCandidate } from "./serial-spans.ts";
import { StopCheck } from "./stop-check.ts";
import type { TableContext } from "./table-context.ts";

/**
 * Validates one table resource and returns its report task. Never throws for bad data or an
 * unreadable source: those become the task's errors. The rows stream: memory holds only the
 * key sets of unique fields, keys and foreign keys. Phases, in order: open the table, compile
 * its schema, match its header, resolve its foreign keys, check its rows (row by row, or in
 * chunks on worker threads: `RowStrategy`), then the file's bytes and hash; a phase that
 * fails ends the task with what was found so far.
 */
export async function validateTable(resource: Resource, options: ValidateOptions = {}, context: TableContext = {}): Promise<ReportTask> {
  const started = performance.now();
  const basePath = options.basePath ?? process.cwd();
  const warnings: string[] = [];
  const hash = declaredHash(resource, warnings);
  const table: TableToCheck = {
    resource,
    options,
    context,
    basePath,
    place: placeOf(resource),
    errors: new ErrorCollector(options),
    warnings,
    stop: new StopCheck(options.signal),
    digests: digestsToCompute(hash, options.hashes),
  };
  await table.stop.check();
  const strategy = await rowStrategy(resource, basePath, options);
  let found: Found;
  try {
    found = await checkTable(table, strategy, hash);
  } catch (cause) {
    // Stopped (or failed): the threads must not outlive the validation.
    await strategy.close();
    throw cause;
  }
  // Idle threads, when the table was not checked in chunks after all: stopped, not awaited.
  void strategy.close();
  return taskReport(table, found, started);
}

/** In chunks on worker threads for a big CSV file; else as spans on this thread for a CSV file the spans read; else row by row as text. */
async function rowStrategy(resource: Resource, basePath: string, options: ValidateOptions): Promise<RowStrategy> {
  const plan = await planParallel(resource, localPath(resource, basePath), options);
  if (plan) return new InChunks(plan);
  return spansCandidate(resource, options) ? new SerialSpans() : new RowByRow();
}

/** What the report says of the table besides its errors and warnings. */
interface Found {
  labels: string[];
  fields: number;
  rows: number;
  stats: ReadStats | undefined;
}

async function checkTable(table: TableToCheck, strategy: RowStrategy, hash: DeclaredHash | undefined): Promise<Found> {
  const nothing: Found = { labels: [], fields: table.resource.schema?.fields.length ?? 0, rows: 0, stats: undefined };
  const reader = await openReader(table, strategy);
  if (reader === undefined) return nothing;
  const compiled = compileTableSchema(table, reader);
  if (compiled === undefined) return { ...nothing, labels: reader.labels, stats: reader.stats() };
  const header = matchTableHeader(table, reader, compiled);
  await table.stop.check();
  const foreignKeys = await resolveForeignKeys(table, compiled);
  await table.stop.check();
  const keys = new KeyChecks(compiled, header.columns, foreignKeys);
  const { rows, stats, complete } = await strategy.check({ ...table, reader, compiled, header, foreignKeys, keys });
  if (complete) checkBytesAndHash(table.resource, stats, hash, table.errors);
  return { labels: reader.labels, fields: compiled.fields.length, rows, stats };
}

/** The table's reader; undefined when the source cannot be read (the error is the task's). */
async function openReader(table: TableToCheck, strategy: RowStrategy): Promise<TableReader | undefined> {
  try {
    return await strategy.open(table);
  } catch (cause) {
    if (!(cause instanceof TableReadError)) throw cause;
    table.errors.push(cause.error);
    return undefined;
  }
}

/** The declared schema, or one inferred from the first rows; undefined when it is invalid (its errors are the task's). */
function compileTableSchema(table: TableToCheck, reader: TableReader): CompiledSchema | undefined {
  let compiled: CompiledSchema;
  try {
    compiled = compileSchema(table.resource.schema ?? inferSchema(reader.labels, reader.sample));
  } catch (cause) {
    if (!(cause instanceof DescriptorError)) throw cause;
    for (const error of cause.errors) table.errors.push(error);
    return undefined;
  }
  table.warnings.push(...formatWarnings(compiled.schema));
  return compiled;
}

/** Which column holds each field; the header's errors are the task's. */
function matchTableHeader(table: TableToCheck, reader: TableReader, compiled: CompiledSchema): HeaderMatch {
  const names = compiled.fields.map((field) => field.name);
  const header = matchHeader(reader.labels, names, compiled.schema.fieldsMatch, reader.headerRowNumbers.length > 0, requiredFields(compiled));
  for (const { type, props } of header.errors) table.errors.add(type, props);
  return header;
}

/** Fields a table must have even when `fieldsMatch` tolerates absent ones: required or in the primary key. */
function requiredFields(compiled: CompiledSchema): Set<string> {
  const names = new Set(compiled.schema.primaryKey ?? []);
  for (const field of compiled.fields) if (field.descriptor.constraints?.required === true) names.add(field.name);
  return names;
}

function taskReport(table: TableToCheck, found: Found, started: number): ReportTask {
  const { stats } = found;
  const errors = table.errors.sorted();
  const warnings = [...table.warnings, ...table.errors.warnings];
  const task: ReportTask = {
    name: table.resource.name,
    type: "table",
    place: table.place,
    valid: errors.length === 0,
    labels: found.labels,
    stats: { errors: errors.length, warnings: warnings.length, seconds: round((performance.now() - started) / 1000), rows: found.rows, fields: found.fields, bytes: stats?.bytes ?? 0 },
    warnings,
    errors,
  };
  if (stats?.hashes.sha256) task.stats.sha256 = stats.hashes.sha256;
  if (stats?.hashes.md5) task.stats.md5 = stats.hashes.md5;
  return task;
}

/** Where the table is, for the report: its path(s) or URL, or `inline`. */
export function placeOf(resource: Resource): string {
  if (resource.data !== undefined) return "inline";
  return Array.isArray(resource.path) ? resource.path.join(", ") : (resource.path ?? "");
}
