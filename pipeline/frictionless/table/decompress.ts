import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { ByteSource } from "./byte-source.ts";
import { formatBytes, inflatedLimit, limitError, MIN_INFLATED_BYTES, INFLATE_RATIO, type ReadLimits } from "./limits.ts";
import { TableReadError } from "./read-error.ts";
import type { TableSource } from "./types.ts";
import type { ZipArchive } from "./zip-archive.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * Compressed tables, as frictionless-py reads them: `.gz` streamed through gunzip, `.zip` the
 * archive's first file (or `innerpath`), streamed too. Byte counts and digests stay those of the
 * file as stored, which is what a resource's `bytes` and `hash` describe. Both stop at the
 * inflated size limit: a 1 MB file that inflates to 600 MB is a zip bomb, not a table.
 */

/** The `source-error` for a file that inflates past the limit in force for `storedBytes`. */
export function inflatedTooLarge(what: string, limits: ReadLimits, storedBytes: number, place: string): TableReadError {
  const limit = inflatedLimit(limits, storedBytes);
  const rule = limits.maxInflatedBytes === undefined ? ` (${INFLATE_RATIO} times the ${formatBytes(storedBytes)} stored, at least ${MIN_INFLATED_BYTES / 1e6} MB)` : "";
  return limitError("maxInflatedBytes", limit, `${what}: a zip bomb? The inflated size limit is reached${rule}`, place);
}

export async function* gunzip(stored: ByteSource, limits: ReadLimits, place: string): AsyncGenerator<Uint8Array> {
  // The stored size: known up front for a file, else counted as it is read.
  const storedBytes = (): number => stored.stats().expectedBytes ?? stored.stats().bytes;
  let inflated = 0;
  try {
    for await (const chunk of Readable.from(stored.chunks).pipe(createGunzip()) as AsyncIterable<Uint8Array>) {
      inflated += chunk.length;
      if (inflated > inflatedLimit(limits, storedBytes())) throw inflatedTooLarge("the .gz file inflates further", limits, storedBytes(), place);
      yield chunk;
    }
  } catch (cause) {
    if (cause instanceof TableReadError) throw cause;
    throw new TableReadError("compression-error", { place, note: `the file is not valid gzip (${describeThrown(cause).message}): check it, or remove ".gz" from its name` });
  }
}

/**
 * The archive's entry `innerpath` (default: its first file) as a stream, and that entry's name,
 * which tells its format. The stored file is read through first, for its size and digests.
 */
export async function unzip(source: Pick<TableSource, "path" | "bytes" | "innerpath">, stored: ByteSource, limits: ReadLimits, place: string): Promise<{ name: string; chunks: AsyncIterable<Uint8Array> }> {
  const failure = (note: string): TableReadError => new TableReadError("compression-error", { place, note: `${note}: check the archive` });
  const archive = await openArchive(source, stored, failure);
  const name = source.innerpath ?? archive.entries.keys().next().value;
  if (name === undefined || !archive.entries.has(name)) {
    archive.close();
    throw new TableReadError("compression-error", { place, note: source.innerpath === undefined ? "the archive is empty" : `the archive has no file "${source.innerpath}"` });
  }
  const storedBytes = stored.stats().bytes;
  const tooLarge = (size: number): TableReadError => inflatedTooLarge(`the entry "${name}" inflates to ${formatBytes(size)} or more`, limits, storedBytes, place);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      yield* archive.stream(name as string, inflatedLimit(limits, storedBytes), tooLarge);
    } finally {
      archive.close();
    }
  }
  return { name, chunks: chunks() };
}

/** The stored file as a ZIP archive: read through (size, digests), then opened where it is, or from memory, or from a download. */
export async function openArchive(source: Pick<TableSource, "path" | "bytes">, stored: ByteSource, failure: (note: string) => TableReadError): Promise<ZipArchive> {
  // Loaded for a zip or XLSX file only: every command that reads a table would load the zip library otherwise.
  const { ZipArchive } = await import("./zip-archive.ts");
  if (source.path === undefined && source.bytes === undefined) return ZipArchive.open({ chunks: stored.chunks }, failure);
  for await (const chunk of stored.chunks) void chunk;
  return ZipArchive.open(source.bytes !== undefined ? { buffer: source.bytes } : { path: source.path as string }, failure);
}
