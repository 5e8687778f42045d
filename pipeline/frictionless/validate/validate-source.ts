import { readFile } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { loadPackage, loadResource, loadSchema } from "../descriptor/load.ts";
import { isRemotePath } from "../descriptor/path-safety.ts";
import { descriptorBase, readDescriptor } from "../descriptor/read-descriptor.ts";
import type { Dialect, Resource } from "../descriptor/types.ts";
import { DescriptorError } from "../errors/index.ts";
import { buildReport } from "../report/build-report.ts";
import type { Report } from "../report/types.ts";
import type { TableFormat } from "../table/types.ts";
import type { ValidateOptions } from "./options.ts";
import { dropEarlyThreads, startThreadsEarly } from "./parallel/early-threads.ts";
import { validatePackage } from "./validate-package.ts";
import { validateTable } from "./validate-table.ts";

export interface ValidateSourceOptions extends Omit<ValidateOptions, "basePath"> {
  /** A `datapackage.json` (or .yaml), a resource descriptor (.json), or a table file (CSV, TSV, JSON, NDJSON, XLSX); a path or URL. */
  path: string;
  /** How the report names a table file (`task.place`): the path as the user wrote it, as frictionless-py does. Default: `path`. */
  place?: string;
  /** For a table file: its Table Schema (path or URL). Without one, only the structure is checked. */
  schemaPath?: string;
  format?: TableFormat;
  encoding?: string;
  dialect?: Dialect;
}

/**
 * The CLI's entry point: validates a data package or a single table and returns the report.
 * Descriptor problems go into `report.errors`, reading problems into the task's errors;
 * it throws only for bugs.
 */
export async function validateSource(options: ValidateSourceOptions): Promise<Report> {
  const started = performance.now();
  const { path, place, schemaPath, format, encoding, dialect, ...validateOptions } = options;
  const elapsed = (): number => (performance.now() - started) / 1000;
  try {
    const kind = await descriptorKind(path);
    if (kind === "package") {
      const pkg = await loadPackage(path);
      const report = await validatePackage(pkg, { ...validateOptions, basePath: descriptorBase(path) });
      return { ...report, stats: { ...report.stats, seconds: Math.round(elapsed() * 1000) / 1000 } };
    }
    if (kind === "resource") {
      const resource = await loadResource(path);
      return buildReport([await validateTable(resource, { ...validateOptions, basePath: descriptorBase(path) })], [], [], elapsed());
    }
    const location = isRemotePath(path) ? path : resolve(path);
    // A big table is checked in chunks only against a schema: its threads start while the schema is read
    // (unless they were started earlier still, before this code was loaded: see early.ts).
    if (schemaPath !== undefined && !isRemotePath(path)) startThreadsEarly(location, format, validateOptions);
    const schema = schemaPath === undefined ? undefined : await loadSchema(schemaPath);
    const resource: Resource = {
      name: resourceName(path),
      path: location,
      ...(format !== undefined ? { format } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      ...(dialect !== undefined ? { dialect } : {}),
      ...(schema !== undefined ? { schema } : {}),
    };
    const task = await validateTable(resource, validateOptions);
    return buildReport([{ ...task, place: place ?? path }], [], [], elapsed());
  } catch (cause) {
    if (cause instanceof DescriptorError) return buildReport([], cause.errors, [], elapsed());
    throw cause;
  } finally {
    // Threads started early for a table that was not checked in chunks after all (a schema that could not be read...).
    await dropEarlyThreads();
  }
}

/**
 * `package` for a `datapackage.*` file or an object with `resources`; `resource` for an object
 * with `path` or `data` (a resource descriptor, JSON or YAML); else a table (a YAML file that is
 * neither is read as a package, whose loader then says what is wrong).
 */
async function descriptorKind(path: string): Promise<"package" | "resource" | "table"> {
  const name = basename(isRemotePath(path) ? new URL(path).pathname : path).toLowerCase();
  if (/^datapackage\.(json|ya?ml)$/.test(name)) return "package";
  const ext = extname(name);
  const yaml = ext === ".yaml" || ext === ".yml";
  if (ext !== ".json" && !yaml) return "table";
  let value: unknown;
  try {
    // Read here and again by its loader: descriptors are small.
    value = isRemotePath(path) || yaml ? await readDescriptor(path, "resource") : JSON.parse(await readFile(path, "utf8"));
  } catch {
    return yaml ? "package" : "table";
  }
  const other = yaml ? "package" : "table";
  if (typeof value !== "object" || value === null || Array.isArray(value)) return other;
  if (Array.isArray((value as { resources?: unknown }).resources)) return "package";
  return "path" in value || "data" in value ? "resource" : other;
}

function resourceName(path: string): string {
  const name = basename(isRemotePath(path) ? new URL(path).pathname : path);
  const stem = name.slice(0, name.length - extname(name).length).toLowerCase();
  return stem.replace(/[^a-z0-9._-]+/g, "-") || "table";
}
