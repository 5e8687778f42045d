import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { TableReadError } from "./read-error.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * A ZIP archive (a `.zip` table, an XLSX workbook) read through yauzl: its central directory,
 * ZIP64 included, then any entry as a stream of inflated bytes, never a whole entry in memory.
 * yauzl also checks that an entry inflates to the size its header declares.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** Every entry by name, folders left out. */
    readonly entries: Map<string, yauzl.Entry>,
    /** How the archive failed, in the caller's words (`compression-error` for a .zip table, `format-error` for XLSX). */
    private readonly failure: (note: string) => TableReadError,
  ) {}

  /**
   * Opens the archive at `path`, in `buffer`, or streamed in `chunks` (a download: written to a
   * private temporary folder first, as a ZIP is read from its end; the file is removed at once,
   * the open descriptor keeps it readable).
   */
  static async open(
    input: { path?: string; buffer?: Uint8Array; chunks?: AsyncIterable<Uint8Array> },
    failure: (note: string) => TableReadError,
  ): Promise<ZipArchive> {
    const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    let zip: yauzl.ZipFile;
    try {
      if (input.buffer !== undefined) zip = await yauzl.fromBufferPromise(Buffer.from(input.buffer.buffer, input.buffer.byteOffset, input.buffer.byteLength), options);
      else if (input.path !== undefined) zip = await yauzl.openPromise(input.path, options);
      else zip = await openDownloaded(input.chunks as AsyncIterable<Uint8Array>, options);
    } catch (cause) {
      if (cause instanceof TableReadError) throw cause;
      throw failure(`not a readable ZIP archive (${describeThrown(cause).message})`);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
    } catch (cause) {
      zip.close();
      throw failure(`corrupt ZIP central directory (${describeThrown(cause).message})`);
    }
    return new ZipArchive(zip, entries, failure);
  }

  /** The inflated bytes of entry `name`; past `limit` bytes, `tooLarge` is thrown. */
  async *stream(name: string, limit: number, tooLarge: (declared: number) => TableReadError): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.failure(`the archive has no file "${name}"`);
    // The declared size first: a zip bomb is refused before a byte is inflated.
    if (entry.uncompressedSize > limit) throw tooLarge(entry.uncompressedSize);
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (cause) {
      throw this.failure(`the entry "${name}" cannot be read (${describeThrown(cause).message})`);
    }
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limit) throw tooLarge(inflated);
        yield chunk;
      }
    } catch (cause) {
      if (cause instanceof TableReadError) throw cause;
      throw this.failure(`the entry "${name}" is corrupt (${describeThrown(cause).message})`);
    } finally {
      stream.destroy();
    }
  }

  /** A small part as text (XML parts of a workbook). */
  async text(name: string, limit: number, tooLarge: (declared: number) => TableReadError): Promise<string> {
    const parts: Uint8Array[] = [];
    for await (const chunk of this.stream(name, limit, tooLarge)) parts.push(chunk);
    return Buffer.concat(parts).toString("utf8");
  }

  close(): void {
    this.zip.close();
  }
}

async function openDownloaded(chunks: AsyncIterable<Uint8Array>, options: yauzl.Options): Promise<yauzl.ZipFile> {
  const folder = await mkdtemp(join(tmpdir(), "aap-archive-"));
  try {
    const file = join(folder, "archive.zip");
    await pipeline(Readable.from(chunks), createWriteStream(file, { mode: 0o600 }));
    return await yauzl.openPromise(file, options);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
