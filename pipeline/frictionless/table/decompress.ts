import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { TableReadError } from "./read-error.ts";
import { readZip, ZipFormatError } from "./zip.ts";

/**
 * Compressed tables, as frictionless-py reads them: `.gz` streamed through gunzip, `.zip` the
 * archive's first file (or `innerpath`). Byte counts and digests stay those of the file as
 * stored, which is what a resource's `bytes` and `hash` describe.
 */

export type Compression = "gz" | "zip";

/** The compression a name's extension (or the declared `compression`) says, and the name without it. */
export function compressionOf(name: string, declared?: string): { compression: Compression | undefined; inner: string } {
  const c = (declared ?? /\.(gz|zip)$/i.exec(name)?.[1] ?? "").toLowerCase();
  if (c !== "gz" && c !== "zip") return { compression: undefined, inner: name };
  return { compression: c, inner: name.replace(/\.(gz|zip)$/i, "") };
}

export async function* gunzip(chunks: AsyncIterable<Uint8Array>, place: string): AsyncGenerator<Uint8Array> {
  try {
    yield* Readable.from(chunks).pipe(createGunzip()) as AsyncIterable<Uint8Array>;
  } catch (cause) {
    if (cause instanceof TableReadError) throw cause;
    throw new TableReadError("compression-error", { place, note: `the file is not valid gzip (${(cause as Error).message}): check it, or remove ".gz" from its name` });
  }
}

/** The archive's entry `innerpath` (default: its first file), and that entry's name, which tells its format. */
export async function unzip(chunks: AsyncIterable<Uint8Array>, place: string, innerpath?: string): Promise<{ name: string; bytes: Uint8Array }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  try {
    const entries = readZip(Buffer.concat(parts));
    const name = innerpath ?? [...entries.keys()].find((entry) => !entry.endsWith("/"));
    const entry = name === undefined ? undefined : entries.get(name);
    if (name === undefined || entry === undefined) {
      throw new TableReadError("compression-error", { place, note: innerpath === undefined ? "the archive is empty" : `the archive has no file "${innerpath}"` });
    }
    return { name, bytes: entry() };
  } catch (cause) {
    if (!(cause instanceof ZipFormatError)) throw cause;
    throw new TableReadError("compression-error", { place, note: `${cause.message}: check the archive` });
  }
}
