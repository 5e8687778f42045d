import { isUtf8 } from "node:buffer";
import type { Dialect } from "../../descriptor/types.ts";
import type { CsvProblemShape } from "../../table/csv-guard.ts";
import { csvSyntax } from "../../table/csv-parser.ts";
import { readCsvRecords } from "../../table/csv-reader.ts";
import { SpanTokenizer, spanDelimiter } from "../../table/csv-spans.ts";
import { spanBatch, type SpanBatch } from "../../table/span-batch.ts";
import type { ReadLimits } from "../../table/limits.ts";
import { encodingName, startsWithBom } from "../../table/decode.ts";
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

/**
 * The span tokenizer that cuts the chunks of `format`, or undefined when the string tokenizer
 * must read them all: a dialect it does not read, an encoding other than UTF-8, comment rows,
 * a null sequence, or a dialect left for each chunk to sniff (as the string tokenizer does).
 */
export function chunkTokenizer(format: ChunkFormat): SpanTokenizer | undefined {
  const dialect = format.dialect ?? {};
  if (encodingName(format.encoding) !== "utf-8" || !plainRows(dialect)) return undefined;
  if (dialect.delimiter === undefined || dialect.quoteChar === undefined || dialect.skipInitialSpace === undefined) return undefined;
  const syntax = csvSyntax(dialect, format.format);
  return spanDelimiter(syntax) === undefined ? undefined : new SpanTokenizer(syntax, format.limits);
}

/**
 * The chunk's rows as `readChunk` reads them, but as span batches (span-batch.ts: cells as byte
 * offsets into `chunk.bytes`, a string made only when asked), cut by `tokenizer` (from
 * `chunkTokenizer(format)`), numbered the same way, with the same `end`. The batch is the
 * tokenizer's: valid until its next cut, so the caller reads it before cutting another chunk.
 * A chunk the span tokenizer cannot say exactly as the string tokenizer would (no tokenizer, a
 * bad byte, a quote that never closes, a limit passed) is read by `readChunk`: its rows then
 * come as `SourceRow[]` batches, with the string tokenizer's problems.
 */
export async function* readChunkSpans(chunk: ChunkBytes, format: ChunkFormat, end: ChunkEnd, tokenizer: SpanTokenizer | undefined): AsyncGenerator<SpanBatch | SourceRow[]> {
  const spans = tokenizer && chunkSpans(chunk, format, tokenizer);
  if (spans === undefined) {
    yield* readChunk(chunk, format, end);
    return;
  }
  end.records = spans.records;
  end.unfinishedBytes = spans.unfinishedBytes;
  if (spans.batch.count > 0) yield spans.batch;
}

/** The chunk's data rows as one span batch, or undefined when the string tokenizer must read it. */
function chunkSpans(chunk: ChunkBytes, format: ChunkFormat, tokenizer: SpanTokenizer): { batch: SpanBatch; records: number; unfinishedBytes: number } | undefined {
  const { bytes } = chunk;
  if (!isUtf8(bytes)) return undefined;
  // Each chunk is decoded as a stream of its own, which drops a BOM at its start.
  const from = startsWithBom(bytes, 0) ? 3 : 0;
  const cut = tokenizer.cut(bytes, from, chunk.last, 1);
  if (cut === undefined) return undefined;
  const { batch } = cut;
  const header = chunk.first && format.dialect?.header !== false ? 1 : 0;
  return { batch: header === 0 || batch.count === 0 ? batch : withoutFirst(batch), records: batch.count, unfinishedBytes: bytes.length - cut.end };
}

/** Whether every record is a data row as it stands: one header row at most, no comments, no null sequence. */
function plainRows(dialect: Dialect): boolean {
  const { headerRows, commentChar, commentRows, nullSequence } = dialect;
  if (headerRows !== undefined && !(headerRows.length === 1 && headerRows[0] === 1)) return false;
  return (commentChar === undefined || commentChar === "") && (commentRows === undefined || commentRows.length === 0) && nullSequence === undefined;
}

/** The batch without its first record (the header row). */
function withoutFirst(batch: SpanBatch): SpanBatch {
  let texts: Map<number, string[]> | undefined;
  for (const [r, cells] of batch.texts ?? []) if (r > 0) (texts ??= new Map()).set(r - 1, cells);
  return spanBatch(batch.bytes, batch.count - 1, batch.firstRowNumber + 1, batch.cellsFrom.subarray(1), batch.starts, batch.ends, batch.flags, texts);
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
