import { isAbsolute } from "node:path";
import { isRemotePath } from "../descriptor/path-safety.ts";
import { resolveDescriptorPath } from "../descriptor/read-descriptor.ts";
import type { Resource } from "../descriptor/types.ts";
import type { ReadLimits } from "../table/limits.ts";
import { openTable } from "../table/open-table.ts";
import type { DigestAlgorithm, SourceRow, TableFormat, TableReader, TableSource } from "../table/types.ts";

/** A resource's table as `openTable` reads it; relative paths resolve against `basePath` (a folder or URL). */
export function resourceSource(resource: Resource, path: string, basePath: string, digests: DigestAlgorithm[], limits?: Partial<ReadLimits>): TableSource {
  const source: TableSource = { place: path, digests, ...(limits ? { limits } : {}) };
  const location = isAbsolute(path) ? path : resolveDescriptorPath(basePath, path);
  if (isRemotePath(location)) source.url = location;
  else source.path = location;
  if (resource.format !== undefined) source.format = resource.format as TableFormat;
  if (resource.encoding !== undefined) source.encoding = resource.encoding;
  if (resource.dialect !== undefined) source.dialect = resource.dialect;
  if (typeof resource.compression === "string") source.compression = resource.compression;
  if (typeof resource.innerpath === "string") source.innerpath = resource.innerpath;
  return source;
}

/** The local file of a one-file resource, or undefined (inline data, a URL, several parts). */
export function localPath(resource: Resource, basePath: string): string | undefined {
  if (resource.data !== undefined || typeof resource.path !== "string") return undefined;
  const location = isAbsolute(resource.path) ? resource.path : resolveDescriptorPath(basePath, resource.path);
  return isRemotePath(location) ? undefined : location;
}

/**
 * Opens a resource's table: inline `data`, one path, or a multipart resource whose parts are
 * read one after the other, the header of parts 2..n dropped and row numbers continuing.
 */
export async function openResource(resource: Resource, basePath: string, digests: DigestAlgorithm[] = [], limits?: Partial<ReadLimits>): Promise<TableReader> {
  const dialect = { ...(resource.dialect ? { dialect: resource.dialect } : {}), ...(limits ? { limits } : {}) };
  if (typeof resource.data === "string") {
    // v2: inline data as a string holds the text of a file in the declared format (CSV, JSON...).
    const format = (resource.format ?? "csv") as TableFormat;
    return openTable({ bytes: new TextEncoder().encode(resource.data), format, place: `${resource.name} (inline)`, digests, ...dialect });
  }
  if (resource.data !== undefined) {
    return openTable({ data: resource.data, place: `${resource.name} (inline)`, ...dialect });
  }
  const paths = Array.isArray(resource.path) ? resource.path : resource.path === undefined ? [] : [resource.path];
  const first = await openTable(resourceSource(resource, paths[0] ?? "", basePath, digests, limits));
  if (paths.length <= 1) return first;
  const parts = paths.slice(1);
  async function* batches(): AsyncGenerator<SourceRow[]> {
    let last = 0;
    for await (const batch of first.batches) {
      last = batch[batch.length - 1]?.rowNumber ?? last;
      yield batch;
    }
    for (const path of parts) {
      const part = await openTable(resourceSource(resource, path, basePath, [], limits));
      const skipped = part.headerRowNumbers.length === 0 ? 0 : Math.max(...part.headerRowNumbers);
      const offset = last - skipped;
      for await (const batch of part.batches) {
        for (const row of batch) row.rowNumber += offset;
        last = batch[batch.length - 1]?.rowNumber ?? last;
        yield batch;
      }
    }
  }
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const batch of batches()) yield* batch;
  }
  return {
    labels: first.labels,
    headerRowNumbers: first.headerRowNumbers,
    sample: first.sample,
    get rows() {
      return rows();
    },
    get batches() {
      return batches();
    },
    stats: first.stats,
  };
}
