import { isUtf8 } from "node:buffer";
import { open, type FileHandle } from "node:fs/promises";
import type { Dialect, Resource } from "../../descriptor/types.ts";
import { settleDialect, SNIFF_MAX_CHARS } from "../../table/csv-reader.ts";
import { decodeText, encodingName } from "../../table/decode.ts";
import { readLimits } from "../../table/limits.ts";
import { SNIFF_LINES } from "../../table/sniff.ts";
import type { TableSource } from "../../table/types.ts";
import type { ValidateOptions } from "../options.ts";
import type { ChunkFormat } from "./read-chunk.ts";
import { recordEnd } from "./record-end.ts";
import { cuttableFile } from "./early-threads.ts";

/**
 * The first chunks are smaller, each twice the one before, up to the chunk size: a thread's
 * compiler then sees every path of the tokenizer and the checks run to their end a few times
 * before it optimises them. Starting at a whole chunk, it optimised the tokenizer's loop in the
 * middle of the first chunk, then threw that code away at the chunk's end, again and again (1M
 * rows: 138 optimised compilations and 9 deoptimisations, against 105 and 3).
 */
const FIRST_CHUNK_BYTES = 16 * 1024;

/** Bytes of a table's first chunk, for chunks of `chunkBytes`. */
export function firstChunkBytes(chunkBytes: number): number {
  return Math.min(chunkBytes, FIRST_CHUNK_BYTES);
}

/** A record longer than this (no line feed in it) is not worth splitting around: the table is read on one thread. */
const MAX_CUT_SEARCH = 64 * 1024 * 1024;

/** Where a table is cut for parallel checking. */
export interface ParallelPlan {
  path: string;
  size: number;
  /** Threads that check chunks, the calling thread's included (at least 2). */
  threads: number;
  chunkBytes: number;
  format: ChunkFormat;
  /** The first chunk: the file from its start to a line feed, header rows included. */
  head: Piece;
}

/** Bytes [start, end) of the file; `end` follows a line feed, or is the end of the file. */
export interface Piece {
  start: number;
  end: number;
  bytes: Uint8Array;
  last: boolean;
}

/**
 * Whether a table can be checked in chunks by worker threads, and how. Only a local CSV/TSV
 * file whose records can be found by their line feeds and whose rows need nothing but their
 * own cells and the key sets: custom checks only from a module the threads can import, no header spread over several
 * rows, no comment rows given by number, no row limit.
 */
export async function planParallel(resource: Resource, location: string | undefined, options: ValidateOptions): Promise<ParallelPlan | undefined> {
  if (location === undefined) return undefined;
  const cuttable = cuttableFile(location, resource.format, typeof resource.compression === "string" ? resource.compression : undefined, options);
  if (cuttable === undefined) return undefined;
  const { threads, format, chunkBytes } = cuttable;
  // Without a schema, types are inferred from the first 100 rows, which the first chunk may not hold.
  if (resource.schema === undefined) return undefined;
  // Custom checks given as functions only cannot reach the worker threads.
  if (Array.isArray(resource.schema.custom_checks) && resource.schema.custom_checks.length > 0 && options.checksModule === undefined) return undefined;
  if (!cuttableEncoding(resource.encoding)) return undefined;
  const dialect = resource.dialect;
  if (dialect?.lineTerminator !== undefined && dialect.lineTerminator !== "\n" && dialect.lineTerminator !== "\r\n") return undefined;
  if (dialect?.headerRows !== undefined && !(dialect.headerRows.length === 1 && dialect.headerRows[0] === 1)) return undefined;
  if (dialect?.commentRows !== undefined && dialect.commentRows.length > 0) return undefined;

  let handle: FileHandle;
  try {
    handle = await open(location);
  } catch {
    // Unreadable: the sequential reader reports why.
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    if (size < cuttable.minBytes) return undefined;
    const settled = await settledDialect(handle, size, format, resource.encoding, dialect);
    if (settled === undefined) return undefined;
    const chunkFormat: ChunkFormat = { format, encoding: resource.encoding, dialect: settled, limits: readLimits(options.limits) };
    const head = await readHead(handle, size, firstChunkBytes(chunkBytes), chunkFormat);
    // A bad byte in the first chunk would fail the header read: the sequential reader reports it after the rows before it.
    if (head === undefined || (encodingName(resource.encoding) === "utf-8" && !isUtf8(head.bytes))) return undefined;
    return { path: location, size, threads, chunkBytes, format: chunkFormat, head };
  } finally {
    await handle.close();
  }
}

/**
 * The first chunk: small, as the header is read from it on this thread and its rows are a
 * thread's first, but holding the header's whole record (a quoted label may hold line breaks).
 * Undefined when that record's quote never closes: read row by row, the table reports it.
 */
async function readHead(handle: FileHandle, size: number, bytes: number, format: ChunkFormat): Promise<Piece | undefined> {
  const head = await readPiece(handle, 0, bytes, size);
  // The record does not end within the head when its bytes alone leave a quote open.
  if (head === undefined || head.last || (await recordEnd(handle, 0, head.end, format).then(() => true, () => false))) return head;
  const end = await recordEnd(handle, 0, size, format).catch(() => undefined);
  // A BOM is up to 3 bytes that the record's end does not count.
  return end === undefined ? undefined : readPiece(handle, 0, end + 3, size);
}

/** The first chunk as a table source, to read the header from. */
export function headSource(plan: ParallelPlan, place: string): TableSource {
  const { format, encoding, dialect, limits } = plan.format;
  return { bytes: plan.head.bytes, format, place, limits, ...(encoding === undefined ? {} : { encoding }), ...(dialect === undefined ? {} : { dialect }) };
}

/**
 * Reads about `size` bytes from `start`, cut after the last line feed; further when there is
 * none; to the end of the file when it is near. Undefined when no line feed comes soon enough.
 */
export async function readPiece(handle: FileHandle, start: number, size: number, fileSize: number, allocate = newBytes): Promise<Piece | undefined> {
  for (let want = size; ; want *= 2) {
    if (start + want >= fileSize) return readRange(handle, start, fileSize, true, allocate);
    if (want > MAX_CUT_SEARCH) return undefined;
    const bytes = allocate(want);
    const { bytesRead } = await handle.read(bytes, 0, want, start);
    const cut = bytes.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (cut !== -1) return { start, end: start + cut + 1, bytes: bytes.subarray(0, cut + 1), last: false };
  }
}

/** Bytes [start, end) of the file, in a buffer of their own (it is handed over to a worker). */
export async function readRange(handle: FileHandle, start: number, end: number, last: boolean, allocate = newBytes): Promise<Piece> {
  const bytes = allocate(end - start);
  let read = 0;
  while (read < bytes.length) {
    const { bytesRead } = await handle.read(bytes, read, bytes.length - read, start + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return { start, end: start + read, bytes: bytes.subarray(0, read), last };
}

/** A buffer of its own (not a slice of Node's shared pool), for at least `size` bytes. */
function newBytes(size: number): Uint8Array {
  return new Uint8Array(size);
}

/**
 * The dialect the whole file is read with, sniffed from the same first lines as when it is
 * read row by row: chunks must not each sniff their own. Undefined when the first chunk is too
 * short to be sure of that sample (lines of tens of kilobytes).
 */
async function settledDialect(handle: FileHandle, size: number, format: "csv" | "tsv", encoding: string | undefined, dialect: Dialect | undefined): Promise<Dialect | undefined> {
  const start = await readPiece(handle, 0, SNIFF_MAX_CHARS / 2, size);
  if (start === undefined) return undefined;
  return sniffedDialect(start.bytes, start.last, format, encoding, dialect);
}

/**
 * The dialect sniffed from a file's first bytes (`last`: the whole file) as the row-by-row
 * reader sniffs it; undefined when they do not hold the lines it sniffs from, or do not decode.
 */
export async function sniffedDialect(bytes: Uint8Array, last: boolean, format: "csv" | "tsv", encoding: string | undefined, dialect: Dialect | undefined): Promise<Dialect | undefined> {
  // The first SNIFF_LINES lines: a line feed is one byte in every encoding read in chunks.
  let end = -1;
  for (let line = 0; line < SNIFF_LINES && (end !== -1 || line === 0); line++) end = bytes.indexOf(0x0a, end + 1);
  if (end === -1 && !last) return undefined;
  let sample = "";
  try {
    for await (const part of decodeText(once(bytes.subarray(0, end === -1 ? undefined : end + 1)), encoding)) sample += part;
  } catch {
    return undefined;
  }
  return settleDialect(sample, dialect, format);
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** Encodings in which a line feed is the byte 0x0A and never part of another character. */
function cuttableEncoding(encoding: string | undefined): boolean {
  const name = encodingName(encoding);
  return name === "utf-8" || name === "windows-1252" || (name?.startsWith("iso-8859-") ?? false);
}
