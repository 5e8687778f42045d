import type { Package, Resource } from "../descriptor/types.ts";
import { createError, DescriptorError, describeThrown } from "../errors/index.ts";
import { compileSchema, formatWarnings, type CompiledSchema } from "../field/index.ts";
import { round } from "../report/build-report.ts";
import type { ReportTask } from "../report/types.ts";
import { TableReadError } from "../table/read-error.ts";
import type { ReadStats, TableReader } from "../table/types.ts";
import type { CheckContext } from "./check.ts";
import { CustomChecks } from "./custom-checks.ts";
import { ErrorCollector } from "./error-collector.ts";
import { matchHeader } from "./header-check.ts";
import { checkBytesAndHash, declaredHash, digestsToCompute } from "./file-checks.ts";
import { localPath, openResource } from "./open-resource.ts";
import { headSource, planParallel } from "./parallel/chunk-plan.ts";
import { validateInParallel } from "./parallel/validate-in-parallel.ts";
import { ChunkWorkers } from "./parallel/worker-pool.ts";
import { openTable } from "../table/open-table.ts";
import type { ValidateOptions } from "./options.ts";
import { inferSchema } from "./infer-schema.ts";
import { readRecords } from "./read-logical-rows.ts";
import { KeyHashSet } from "./key-hash-set.ts";
import { keyTypesMatch } from "./key-set.ts";
import { ReferenceIndexes } from "./reference-index.ts";
import { KeyChecks, type ForeignKeyCheck } from "./key-checks.ts";
import { RowChecks } from "./row-checks.ts";
import { StopCheck } from "./stop-check.ts";

/** What a table's validation needs to know about the package around it. */
export interface TableContext {
  package?: Package;
  /** Shared across the tasks of a package so that each referenced key set is built once. */
  references?: ReferenceIndexes;
}

/**
 * Validates one table resource row by row (the rows stream; memory holds only the key sets of
 * unique fields, keys and foreign keys) and returns its report task. Never throws for bad data
 * or an unreadable source: those become the task's errors.
 */
export async function validateTable(resource: Resource, options: ValidateOptions = {}, context: TableContext = {}): Promise<ReportTask> {
  const started = performance.now();
  const basePath = options.basePath ?? process.cwd();
  const errors = new ErrorCollector(options);
  const warnings: string[] = [];
  const place = placeOf(resource);
  let labels: string[] = [];
  let rows = 0;
  /** Bytes and digests of the table, when read otherwise than through `reader` (in chunks). */
  let readStats: ReadStats | undefined;
  /** Threads that check the table in chunks, when it is a big CSV file. */
  let workers: ChunkWorkers | undefined;
  let fields = resource.schema?.fields.length ?? 0;
  let reader: TableReader | undefined;

  const finish = (): ReportTask => {
    // Idle threads, when the table was not checked in chunks after all: stopped, not awaited.
    void workers?.close();
    const stats = readStats ?? reader?.stats();
    const taskErrors = errors.sorted();
    const taskWarnings = [...warnings, ...errors.warnings];
    const task: ReportTask = {
      name: resource.name,
      type: "table",
      place,
      valid: taskErrors.length === 0,
      labels,
      stats: { errors: taskErrors.length, warnings: taskWarnings.length, seconds: round((performance.now() - started) / 1000), rows, fields, bytes: stats?.bytes ?? 0 },
      warnings: taskWarnings,
      errors: taskErrors,
    };
    if (stats?.hashes.sha256) task.stats.sha256 = stats.hashes.sha256;
    if (stats?.hashes.md5) task.stats.md5 = stats.hashes.md5;
    return task;
  };

  const hash = declaredHash(resource, warnings);
  const digests = digestsToCompute(hash, options.hashes);
  const stop = new StopCheck(options.signal);
  await stop.check();
  const plan = await planParallel(resource, localPath(resource, basePath), options);
  // Started now, the threads are ready by the time the header and the foreign keys are read.
  if (plan) workers = ChunkWorkers.spawn(plan.threads);
  try {
    return await checkTable();
  } catch (cause) {
    // Stopped (or failed): the threads must not outlive the validation.
    await workers?.close();
    throw cause;
  }

  async function checkTable(): Promise<ReportTask> {
    try {
      reader = plan ? await openTable(headSource(plan, place)) : await openResource(resource, basePath, digests, options.limits);
    } catch (cause) {
      if (cause instanceof TableReadError) {
        errors.push(cause.error);
        return finish();
      }
      throw cause;
    }
    labels = reader.labels;
    const hasHeader = reader.headerRowNumbers.length > 0;

    let compiled: CompiledSchema;
    try {
      compiled = compileSchema(resource.schema ?? inferSchema(labels, reader.sample));
    } catch (cause) {
      if (cause instanceof DescriptorError) {
        for (const error of cause.errors) errors.push(error);
        return finish();
      }
      throw cause;
    }
    fields = compiled.fields.length;
    warnings.push(...formatWarnings(compiled.schema));
    const names = compiled.fields.map((field) => field.name);
    const header = matchHeader(labels, names, compiled.schema.fieldsMatch, hasHeader, requiredFields(compiled));
    for (const { type, props } of header.errors) errors.add(type, props);

    await stop.check();
    const foreignKeys = await resolveForeignKeys(resource, compiled, context, basePath, errors, warnings, options.signal);
    await stop.check();
    const width = header.width;
    const keys = new KeyChecks(compiled, header.columns, foreignKeys);
    if (plan && !errors.full) {
      const setup = { format: plan.format, schema: compiled.schema, columns: header.columns, width, foreignKeys: foreignKeys.map(({ index: _, ...shape }) => shape), errorOptions: errorOptions(options) };
      const onProgress = options.onProgress;
      const checked = await validateInParallel({
        plan,
        workers: workers as ChunkWorkers,
        stop,
        setup,
        keys,
        errors,
        place,
        digests,
        ...(onProgress ? { onProgress: (done: number, bytes: number) => onProgress({ resource: resource.name, rows: done, bytes, expectedBytes: plan.size }) } : {}),
      });
      rows = checked.rows;
      readStats = checked.stats;
      if (checked.complete) checkBytesAndHash(resource, checked.stats, hash, errors);
      return finish();
    }

    const checks = new RowChecks(compiled, header.columns, width, keys, errors);
    const checkContext: CheckContext = {
      schema: compiled.schema,
      resource,
      ...(context.package ? { package: context.package } : {}),
      readRows: (name) => readRecords(findResource(context.package, name), basePath),
    };
    const custom = await CustomChecks.create(compiled.schema, options.checks, checkContext, compiled.fields, header.columns, errors, warnings);
    // Custom checks may keep a row until `end()`; without them, one values array serves every row.
    if (custom === undefined) checks.reuseValues();
    const byName = new Map<string, number>();
    names.forEach((name, k) => {
      if (!byName.has(name)) byName.set(name, k);
    });

    // As frictionless-py: 0 sets no limit.
    const limitRows = options.limitRows || Infinity;
    try {
      let sized = false;
      // The header alone may have reached the error limit.
      outer: for await (const batch of errors.full ? [] : reader.batches) {
        await stop.check();
        if (!sized) {
          sized = true;
          const { bytes, expectedBytes } = reader.stats();
          // An estimate only, capped: short first rows must not reserve gigabytes for a big file.
          const estimate = expectedBytes !== undefined && bytes > 0 ? Math.ceil(((batch.length * expectedBytes) / bytes) * 1.1) : 0;
          keys.reserve(Math.min(limitRows, estimate));
        }
        for (const row of batch) {
          rows++;
          const values = checks.check(row);
          if (custom) custom.row(row.rowNumber, values, row.cells, byName);
          if (rows >= limitRows) {
            warnings.push(`reached row limit: ${limitRows}`);
            break outer;
          }
          if (errors.full) break outer;
        }
        if (options.onProgress) {
          const { bytes, expectedBytes } = reader.stats();
          options.onProgress({ resource: resource.name, rows, bytes, expectedBytes });
        }
      }
    } catch (cause) {
      if (!(cause instanceof TableReadError)) throw cause;
      errors.push(cause.error);
    }
    if (!errors.full && custom) custom.end();
    const complete = rows < limitRows && !errors.full;
    if (complete) checkBytesAndHash(resource, reader.stats(), hash, errors);
    return finish();
  }
}

async function resolveForeignKeys(
  resource: Resource,
  compiled: CompiledSchema,
  context: TableContext,
  basePath: string,
  errors: ErrorCollector,
  warnings: string[],
  signal: AbortSignal | undefined,
): Promise<ForeignKeyCheck[]> {
  const result: ForeignKeyCheck[] = [];
  const references = context.references ?? new ReferenceIndexes(basePath, signal);
  for (const fk of compiled.schema.foreignKeys ?? []) {
    const fields = fk.fields.map((name) => compiled.field(name));
    if (fields.some((field) => field === undefined)) continue;
    const target = fk.reference.resource;
    const self = target === undefined || target === "" || target === resource.name;
    const shape = { fieldNames: fk.fields, referenceName: self ? "" : (target as string), referenceFieldNames: fk.reference.fields };
    const types = fields.map((field) => field?.type);
    // Keys of types that can never be equal match nothing: every reference fails, as in frictionless-py.
    const lookup = (referenced: Resource): Promise<KeyHashSet> =>
      keysNeverMatch(types, referenced, fk.reference.fields) ? Promise.resolve(new KeyHashSet()) : references.get(referenced, fk.reference.fields);
    if (self) {
      if (fk.reference.fields.some((name) => compiled.field(name) === undefined)) continue;
      // As frictionless-py: the table's own keys are read first, so that a row may reference a
      // later one and the errors still come in row order (and stop at the error limit in order).
      try {
        result.push({ ...shape, index: await lookup(resource) });
      } catch (cause) {
        // The table's own read reports why it cannot be read.
        if (!(cause instanceof TableReadError)) throw cause;
      }
      continue;
    }
    if (context.package === undefined) {
      warnings.push(`foreign key "${fk.fields.join(", ")}" references the resource "${target}", which only a package validation can read: not checked`);
      continue;
    }
    try {
      result.push({ ...shape, index: await lookup(findResource(context.package, target as string)) });
    } catch (cause) {
      signal?.throwIfAborted();
      const why = cause instanceof TableReadError ? cause.error.message : describeThrown(cause).message;
      errors.push(
        createError("resource-error", {
          fieldNames: fk.fields,
          referenceName: target as string,
          referenceFieldNames: fk.reference.fields,
          note: `the lookup table "${target}" could not be read, so foreign key "${fk.fields.join(", ")}" was not checked: ${why}`,
        }),
      );
    }
  }
  return result;
}

/** Whether a key of these types can never equal the referenced fields' values (their types declared). */
function keysNeverMatch(types: readonly (string | undefined)[], referenced: Resource, names: readonly string[]): boolean {
  const referencedTypes = names.map((name) => referenced.schema?.fields.find((field) => field.name === name)?.type);
  return referencedTypes.every((type) => type !== undefined) && !keyTypesMatch(types, referencedTypes);
}

function findResource(pkg: Package | undefined, name: string): Resource {
  const resource = pkg?.resources.find((r) => r.name === name);
  if (resource === undefined) throw new Error(pkg ? `the package has no resource "${name}"` : `"${name}" is another resource, and this table is not validated as part of a package`);
  return resource;
}

function errorOptions({ limitErrors, pickErrors, skipErrors }: ValidateOptions): Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors"> {
  return { ...(limitErrors === undefined ? {} : { limitErrors }), ...(pickErrors ? { pickErrors } : {}), ...(skipErrors ? { skipErrors } : {}) };
}

/** Fields a table must have even when `fieldsMatch` tolerates absent ones: required or in the primary key. */
function requiredFields(compiled: CompiledSchema): Set<string> {
  const names = new Set(compiled.schema.primaryKey ?? []);
  for (const field of compiled.fields) if (field.descriptor.constraints?.required === true) names.add(field.name);
  return names;
}

/** Where the table is, for the report: its path(s) or URL, or `inline`. */
export function placeOf(resource: Resource): string {
  if (resource.data !== undefined) return "inline";
  return Array.isArray(resource.path) ? resource.path.join(", ") : (resource.path ?? "");
}
