import type { Resource } from "../descriptor/types.ts";
import { encodingName, startsWithBom } from "../table/decode.ts";
import { openTable, openTableStream, readTableStream, type TableStream } from "../table/open-table.ts";
import { TableReadError } from "../table/read-error.ts";
import { SNIFF_LINES } from "../table/sniff.ts";
import { SNIFF_MAX_CHARS } from "../table/csv-reader.ts";
import type { TableReader, TableSource } from "../table/types.ts";
import { checkContext } from "./check-context.ts";
import { comparesRows, startChecks } from "./custom-checks.ts";
import { resourceSource } from "./open-resource.ts";
import type { ValidateOptions } from "./options.ts";
import { sniffedDialect } from "./parallel/chunk-plan.ts";
import { chunkTokenizer, type ChunkFormat } from "./parallel/read-chunk.ts";
import { RowByRow } from "./row-by-row.ts";
import type { RowsOutcome, RowStrategy, RowsToCheck, TableToCheck } from "./row-strategy.ts";
import { checkSpanStream } from "./span-stream.ts";

/**
 * Whether a table that is not checked in chunks may be read as spans on this thread: one CSV
 * file (local, remote or compressed) in UTF-8, with a schema, read whole. Its dialect, known
 * once its first lines are read, decides (`SerialSpans.open`).
 */
export function spansCandidate(resource: Resource, options: ValidateOptions): boolean {
  if (options.spans === false || options.limitRows || resource.schema === undefined) return false;
  if (resource.data !== undefined || typeof resource.path !== "string") return false;
  return encodingName(resource.encoding) === "utf-8";
}

/** The table's first chunks, and whether they are all of it. */
interface Head {
  chunks: Uint8Array[];
  bytes: Uint8Array;
  done: boolean;
}

/**
 * A CSV table read from its byte stream on this thread and checked as spans, a piece at a time,
 * by the chunk checker and the merge of the parallel path (`checkSpanStream`): the report that
 * reading it as text gives, at about the cost of the spans alone. A table whose dialect, first
 * bytes or custom checks the spans cannot take is read as text (`RowByRow`), its first chunks
 * put back in front of the stream: nothing is read twice.
 */
export class SerialSpans implements RowStrategy {
  private source: TableSource | undefined;
  private bytes: TableStream | undefined;
  private head: Head | undefined;
  private rest: AsyncIterator<Uint8Array> | undefined;
  /** Set when the table is read as spans. */
  private format: ChunkFormat | undefined;
  /** The stream was read to its end (`chunks`). */
  private ended = false;

  /** Whether `open` found the table readable as spans (else it is read as text). */
  get readsSpans(): boolean {
    return this.format !== undefined;
  }

  async open(table: TableToCheck): Promise<TableReader> {
    const { resource, basePath, digests, options } = table;
    const source = resourceSource(resource, resource.path as string, basePath, digests, options.limits);
    const bytes = await openTableStream(source);
    this.source = source;
    this.bytes = bytes;
    if (bytes.format !== "csv" && bytes.format !== "tsv") return this.asText();
    this.rest = bytes.chunks[Symbol.asyncIterator]();
    const head = await readHead(this.rest);
    this.head = head;
    const format = await spanFormat(head, bytes, resource);
    if (format === undefined) return this.asText();
    let header: TableReader;
    try {
      // The header from the first chunks alone, as the chunks' head is read on the parallel path.
      header = await openTable({ bytes: head.bytes, format: format.format, place: bytes.place, limits: format.limits, ...(format.dialect ? { dialect: format.dialect } : {}) });
    } catch (cause) {
      // Read as text, the whole stream says what is wrong, and where.
      if (!(cause instanceof TableReadError)) throw cause;
      return this.asText();
    }
    this.format = format;
    const stats = bytes.stored.stats;
    return {
      labels: header.labels,
      headerRowNumbers: header.headerRowNumbers,
      sample: header.sample,
      get rows(): AsyncIterable<never> {
        throw new Error("the rows of a table read as spans are read by SerialSpans.check");
      },
      get batches(): AsyncIterable<never> {
        throw new Error("the rows of a table read as spans are read by SerialSpans.check");
      },
      stats,
    };
  }

  async check(table: RowsToCheck): Promise<RowsOutcome> {
    const { format, bytes } = this;
    if (format === undefined || bytes === undefined) return new RowByRow().check(table);
    const { compiled, errors, options } = table;
    if (errors.full) return { rows: 0, stats: bytes.stored.stats(), complete: false };
    const started = await startChecks(compiled.schema, options.checks, checkContext(compiled.schema, table.resource, table.context, table.basePath), errors, table.warnings);
    // A check that compares rows keeps their values until the end: the text reader gives them.
    if (comparesRows(started)) return new RowByRow().check({ ...table, reader: await this.asText() }, started);
    return checkSpanStream(table, { format, bytes, chunks: this.chunks(), ended: () => this.ended, started });
  }

  /** Closes the stream (a file, a download) when the rows stopped before its end. */
  async close(): Promise<void> {
    await this.rest?.return?.();
  }

  /** The table read as text, from the start of the stream. */
  private asText(): Promise<TableReader> {
    return readTableStream({ ...(this.bytes as TableStream), chunks: this.chunks() }, this.source as TableSource);
  }

  /** The whole stream: the chunks read ahead, then the rest. */
  private async *chunks(): AsyncGenerator<Uint8Array> {
    const { head, rest } = this;
    this.head = undefined;
    if (head === undefined || rest === undefined) {
      yield* (this.bytes as TableStream).chunks;
      return;
    }
    yield* head.chunks;
    if (!head.done) for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
    this.ended = true;
  }
}

/**
 * The first chunks, up to what the text reader holds before it reads a record: the lines it
 * sniffs the dialect from and a byte past them (or the end of the stream), or as many bytes as
 * `sniffedDialect` reads at most.
 */
async function readHead(chunks: AsyncIterator<Uint8Array>): Promise<Head> {
  const head: Uint8Array[] = [];
  let size = 0;
  let lines = 0;
  let lastFeed = -1;
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) return { chunks: head, bytes: joined(head, size), done: true };
    const chunk = next.value;
    head.push(chunk);
    for (let at = chunk.indexOf(0x0a); at !== -1 && lines < SNIFF_LINES; at = chunk.indexOf(0x0a, at + 1)) {
      lines++;
      lastFeed = size + at;
    }
    size += chunk.length;
    if ((lines === SNIFF_LINES && lastFeed < size - 1) || size >= SNIFF_MAX_CHARS / 2) return { chunks: head, bytes: joined(head, size), done: false };
  }
}

/**
 * How the spans read the table, or undefined when they cannot: a dialect or first lines the
 * chunk tokenizer does not read, or a second BOM after the first (the spans drop a BOM at the
 * start of every piece, the text reader at the start of the file only).
 */
async function spanFormat(head: Head, bytes: TableStream, resource: Resource): Promise<ChunkFormat | undefined> {
  const format = bytes.format as "csv" | "tsv";
  const dialect = await sniffedDialect(head.bytes, head.done, format, resource.encoding, resource.dialect);
  if (dialect === undefined) return undefined;
  const from = startsWithBom(head.bytes, 0) ? 3 : 0;
  if (startsWithBom(head.bytes, from)) return undefined;
  const chunkFormat: ChunkFormat = { format, encoding: resource.encoding, dialect, limits: bytes.limits };
  return chunkTokenizer(chunkFormat) === undefined ? undefined : chunkFormat;
}

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
