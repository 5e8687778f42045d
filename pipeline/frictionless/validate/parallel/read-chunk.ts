import type { Dialect } from "../../descriptor/types.ts";
import type { CsvProblemShape } from "../../table/csv-guard.ts";
import { readCsvRecords } from "../../table/csv-reader.ts";
import type { ReadLimits } from "../../table/limits.ts";
import { encodingName } from "../../table/decode.ts";
import { TableReadError } from "../../table/read-error.ts";
import { tabulate } from "../../table/tabulate.ts";
import type { SourceRow } from "../../table/types.ts";

/** How to read the chunks of one CSV file: plain data, sent as is to worker threads. */
export interface ChunkFormat {
  format: "csv" | "tsv";
  encoding: string | undefined;
  dialect: Dialect | undefined;
  limits: ReadLimits;
}

/** A piece of the file, cut after a line feed. */
export interface ChunkBytes {
  bytes: Uint8Array;
  /** The file's first chunk: it holds the header rows (and a BOM). */
  first: boolean;
  /** The file's last chunk: a record without a final line terminator is complete. */
  last: boolean;
}

/** What is known once a chunk's rows have all been read. */
export interface ChunkEnd {
  /** Records read, header and comment rows included: how far the next chunk's row numbers start. */
  records: number;
  /**
   * Bytes at the end of the chunk that do not close a record: the cut fell inside a quoted
   * cell holding a line break. Those bytes belong to the next chunk, which must start there.
   */
  unfinishedBytes: number;
  /** An undecodable byte: its offset in the chunk. The rows before it were read. */
  badByteOffset?: number;
  /** What stopped the tokenizer after `records` records (a quote that never closes, a limit). */
  problem?: CsvProblemShape;
}

/** Bytes decoded at a time: rows are checked as they are read and die young, as when reading the whole file. */
const PIECE = 64 * 1024;

/**
 * Reads one chunk of a CSV file exactly as `openTable` reads those bytes within the whole
 * file (same decoding, tokenizer, header, comment and null-sequence handling), in batches of
 * rows numbered from the chunk's first record (row 1). A chunk that does not start the file
 * has no header rows. `end` is filled in once the batches are exhausted.
 */
export async function* readChunk(chunk: ChunkBytes, format: ChunkFormat, end: ChunkEnd): AsyncGenerator<SourceRow[]> {
  end.records = 0;
  end.unfinishedBytes = 0;
  const records = readCsvRecords(pieces(chunk.bytes), {
    ...format,
    place: "chunk",
    ...(chunk.last ? {} : { unfinished: (text: string) => (end.unfinishedBytes = byteLength(text, format.encoding)) }),
  });
  const dialect = chunk.first ? format.dialect : { ...format.dialect, header: false };
  try {
    const iterator = counted(records, end)[Symbol.asyncIterator]();
    const first = await iterator.next();
    // No whole record: the chunk is the start of one longer than itself.
    if (first.done) return;
    const table = await tabulate(prepended(first.value, iterator), dialect, "chunk", () => ({ bytes: 0, hashes: {} }));
    yield* table.batches;
  } catch (cause) {
    if (!(cause instanceof TableReadError)) throw cause;
    if (cause.code === "encoding-error") end.badByteOffset = cause.error.byteOffset as number;
    else if (cause.csvProblem) end.problem = { kind: cause.csvProblem.kind, field: cause.csvProblem.field };
    else throw cause;
  }
}

async function* prepended<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

async function* counted(records: AsyncIterable<string[][]>, end: ChunkEnd): AsyncGenerator<string[][]> {
  for await (const batch of records) {
    end.records += batch.length;
    yield batch;
  }
}

async function* pieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

/** Bytes `text` took in the file: UTF-8, or one byte a character in the single-byte encodings chunks are cut in. */
function byteLength(text: string, encoding: string | undefined): number {
  return Buffer.byteLength(text, encodingName(encoding) === "utf-8" ? "utf8" : "latin1");
}
