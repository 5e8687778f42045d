import type { Package, Resource } from "../descriptor/types.ts";
import { buildReport } from "../report/build-report.ts";
import type { Report } from "../report/types.ts";
import type { ValidateOptions } from "./options.ts";
import { ReferenceIndexes } from "./reference-index.ts";
import { validateFile } from "./validate-file.ts";
import { validateTable } from "./validate-table.ts";

const TABLE_FORMATS = new Set(["csv", "tsv", "json", "ndjson", "jsonl", "xlsx"]);

/** A resource that holds a table: declared so, with a schema, or in a tabular format. */
export function isTableResource(resource: Resource): boolean {
  if (resource.type === "table" || resource.schema !== undefined || resource.data !== undefined) return true;
  const path = Array.isArray(resource.path) ? resource.path[0] : resource.path;
  const format = (resource.format ?? path?.split(".").pop() ?? "").toLowerCase();
  return TABLE_FORMATS.has(format);
}

/**
 * Validates every resource of a (loaded, normalised) package, one task each: tables row by
 * row, other files for their presence, hash and size (as frictionless-py), foreign keys
 * across resources included: each referenced key set is read once and shared.
 * `options.basePath` is the package's folder.
 */
export async function validatePackage(pkg: Package, options: ValidateOptions = {}): Promise<Report> {
  const started = performance.now();
  const references = new ReferenceIndexes(options.basePath ?? process.cwd(), options.signal);
  const tasks = [];
  for (const resource of pkg.resources) {
    tasks.push(isTableResource(resource) ? await validateTable(resource, options, { package: pkg, references }) : await validateFile(resource, options));
  }
  return buildReport(tasks, [], [], (performance.now() - started) / 1000);
}
