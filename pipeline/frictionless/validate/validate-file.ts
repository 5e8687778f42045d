import type { Resource } from "../descriptor/types.ts";
import { round } from "../report/build-report.ts";
import type { ReportTask } from "../report/types.ts";
import { openBytes } from "../table/byte-source.ts";
import { Digests } from "../table/digests.ts";
import { TableReadError } from "../table/read-error.ts";
import type { ReadStats } from "../table/types.ts";
import { ErrorCollector } from "./error-collector.ts";
import { checkBytesAndHash, declaredHash, digestsToCompute } from "./file-checks.ts";
import { resourceSource } from "./open-resource.ts";
import type { ValidateOptions } from "./options.ts";
import { placeOf } from "./validate-table.ts";

/**
 * The task of a package resource that is not a table (the documentation, a PDF). As in
 * frictionless-py: the file must be there, and when the resource declares a hash or a size,
 * it is read through and they must match.
 */
export async function validateFile(resource: Resource, options: ValidateOptions = {}): Promise<ReportTask> {
  const started = performance.now();
  const basePath = options.basePath ?? process.cwd();
  const errors = new ErrorCollector(options);
  const warnings: string[] = [];
  const hash = declaredHash(resource, warnings);
  const digests = new Digests(digestsToCompute(hash, options.hashes));
  const stats: ReadStats = { bytes: 0, hashes: {} };
  try {
    const paths = Array.isArray(resource.path) ? resource.path : [resource.path ?? ""];
    const parts = [];
    // Every part is opened first: a missing one fails the task before anything is read.
    for (const path of paths) parts.push(await openBytes(resourceSource(resource, path, basePath, []), path));
    if (hash || typeof resource.bytes === "number") {
      for (const part of parts) {
        for await (const chunk of part.chunks) {
          stats.bytes += chunk.length;
          digests.update(chunk);
        }
      }
      stats.hashes = digests.hex();
      checkBytesAndHash(resource, stats, hash, errors);
    }
  } catch (cause) {
    if (!(cause instanceof TableReadError)) throw cause;
    errors.push(cause.error);
  }
  const task: ReportTask = {
    name: resource.name,
    type: "file",
    place: placeOf(resource),
    valid: errors.errors.length === 0,
    labels: [],
    stats: { errors: errors.errors.length, warnings: warnings.length + errors.warnings.length, seconds: round((performance.now() - started) / 1000), rows: 0, fields: 0, bytes: stats.bytes },
    warnings: [...warnings, ...errors.warnings],
    errors: errors.sorted(),
  };
  if (stats.hashes.sha256) task.stats.sha256 = stats.hashes.sha256;
  if (stats.hashes.md5) task.stats.md5 = stats.hashes.md5;
  return task;
}
