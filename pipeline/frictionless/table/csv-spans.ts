import { CsvParser } from "./csv-parser.ts";
import type { CsvLimits } from "./csv-guard.ts";
import type { CsvSyntax } from "./csv-syntax.ts";
import { spanBatch, SpanFlag, utf8Text, type SpanBatch } from "./span-batch.ts";

/**
 * The bytes the tokenizer looks for. A const enum rather than constants: the build (esbuild)
 * writes each use as its number, where a module's constant becomes a bundle-level `var` that V8
 * reads from memory and checks in every turn of the byte loops (about a tenth of `record`'s time
 * on the bench table).
 */
const enum Byte {
  LF = 10,
  CR = 13,
  QUOTE = 34,
}
const MAX_BYTES = 0x7fffffff;
/** What `record` returns when the bytes end inside the record, and when the string tokenizer must read them. */
const UNFINISHED = -1;
const GIVE_UP = -2;

/**
 * The byte the span tokenizer cuts cells at, or undefined when the dialect needs the string
 * tokenizer (`CsvParser`): spans read only `"` quotes doubled, a one-byte ASCII delimiter, `\n`
 * or `\r\n` line terminators, no escape character and no initial-space skipping.
 */
export function spanDelimiter(syntax: CsvSyntax): number | undefined {
  const { delimiter, quoteChar, doubleQuote, escapeChar, lineTerminator, skipInitialSpace } = syntax;
  if (quoteChar !== '"' || !doubleQuote || escapeChar !== undefined || lineTerminator !== undefined || skipInitialSpace) return undefined;
  if (delimiter.length !== 1) return undefined;
  const code = delimiter.charCodeAt(0);
  return code >= 0x80 || code === Byte.QUOTE || code === Byte.LF || code === Byte.CR ? undefined : code;
}

/** Records cut from bytes: the batch, and where the bytes it did not take start (a class: see `spanBatch`). */
export class SpanCut {
  constructor(
    readonly batch: SpanBatch,
    /** Offset after the batch's last record: the start of a record the bytes do not finish, or their end. */
    readonly end: number,
  ) {}
}

/**
 * The records of UTF-8 CSV bytes as spans (span-batch.ts), cut exactly as `CsvParser` cuts the
 * same text: an unquoted cell runs to the delimiter or the line feed (a `\r` before that line
 * feed is not in it; a quote in it is text), a quoted cell to its closing quote (`""` is a quote
 * in it). A record the spans cannot say (text after a closing quote: `"a"b`) is cut by
 * `CsvParser` alone, into `texts`. One loop over the bytes, no string made.
 *
 * The batches' arrays are the tokenizer's own, filled again by each cut: a batch is valid until
 * the next `cut` on the same tokenizer. Cutting a thread's chunks with one tokenizer spares a
 * megabyte-sized allocation per chunk (its pages first touched each time, then collected).
 */
export class SpanTokenizer {
  private readonly delimiter: number;
  private readonly out = new SpanBuilder();

  constructor(
    private readonly syntax: CsvSyntax,
    private readonly limits: CsvLimits,
  ) {
    const delimiter = spanDelimiter(syntax);
    if (delimiter === undefined) throw new RangeError("this CSV dialect needs the string tokenizer");
    this.delimiter = delimiter;
  }

  /**
   * The records of `bytes` from `from`, numbered from `firstRowNumber`. `final`: the bytes end
   * the file, so a record need not end with a line terminator. Undefined when the string
   * tokenizer must read them, as it reports what spans do not: a quote that never closes, a
   * record past the limits (any record longer in bytes than a cell may be in characters: no
   * cell can then be too long, and the string tokenizer's guards on unfinished records never fire).
   * The batch is valid until the next cut on this tokenizer.
   */
  cut(bytes: Uint8Array, from: number, final: boolean, firstRowNumber: number): SpanCut | undefined {
    // Offsets are 32-bit: bytes past 2 GiB are the string tokenizer's.
    if (bytes.length > MAX_BYTES) return undefined;
    // About a cell per 6 bytes: a lauréats row holds one per 8, so the arrays seldom grow.
    this.out.start(bytes, from, firstRowNumber, Math.ceil((bytes.length - from) / 6));
    // A function call per record: V8 optimizes `record` after a few hundred records, as a
    // function. One loop over the whole chunk was optimized only in the middle of it, on the
    // stack, and thrown away at its end: a thread's first pass over the bench table cost about
    // 0.25 s more CPU than the next ones (0.05 to 0.08 s now).
    for (let i = from; i < bytes.length; ) {
      const next = this.record(bytes, i, final);
      if (next === GIVE_UP) return undefined;
      if (next === UNFINISHED) break;
      i = next;
    }
    return new SpanCut(this.out.batch(), this.out.recordEnd);
  }

  /**
   * Cuts the record at `i` into the batch: the offset after it, `UNFINISHED` when the bytes end
   * inside it, `GIVE_UP` when the string tokenizer must read them.
   */
  private record(bytes: Uint8Array, i: number, final: boolean): number {
    const { delimiter, limits, out } = this;
    const len = bytes.length;
    const recordStart = i;
    let odd = false;
    for (;;) {
      let cellEnd: number;
      let next: number;
      let flags = 0;
      let ended = false;
      if (i < len && bytes[i] === Byte.QUOTE) {
        let j = i + 1;
        flags = SpanFlag.QUOTED;
        for (;;) {
          // Bytes are OR-ed, not compared one by one: a non-ASCII byte sets the top bit (about a tenth of the loop).
          let high = 0;
          let c = 0;
          while (j < len && (c = bytes[j] as number) !== Byte.QUOTE) {
            high |= c;
            j++;
          }
          if (high >= 0x80) flags |= SpanFlag.NON_ASCII;
          if (j >= len) return final ? GIVE_UP : UNFINISHED;
          if (j + 1 >= len || bytes[j + 1] !== Byte.QUOTE) break;
          flags |= SpanFlag.ESCAPED;
          j += 2;
        }
        out.cell(i + 1, j, flags);
        // After the closing quote: a delimiter, a line terminator, the end of the file, or text (odd).
        let k = j + 1;
        for (;;) {
          if (k >= len) {
            if (!final) return UNFINISHED;
            ended = true;
            next = len;
            break;
          }
          const c = bytes[k];
          if (c === delimiter) {
            next = k + 1;
            break;
          }
          if (c === Byte.LF) {
            ended = true;
            next = k + 1;
            break;
          }
          if (c === Byte.CR && k + 1 >= len) {
            if (!final) return UNFINISHED;
            ended = true;
            next = len;
            break;
          }
          if (c === Byte.CR && bytes[k + 1] === Byte.LF) {
            ended = true;
            next = k + 2;
            break;
          }
          odd = true;
          k++;
        }
      } else {
        let j = i;
        let c = 0;
        let high = 0;
        while (j < len && (c = bytes[j] as number) !== delimiter && c !== Byte.LF) {
          high |= c;
          j++;
        }
        if (high >= 0x80) flags = SpanFlag.NON_ASCII;
        if (j >= len) {
          if (!final) return UNFINISHED;
          ended = true;
          cellEnd = len > i && bytes[len - 1] === Byte.CR ? len - 1 : len;
          next = len;
        } else if (c === Byte.LF) {
          ended = true;
          cellEnd = j > i && bytes[j - 1] === Byte.CR ? j - 1 : j;
          next = j + 1;
        } else {
          cellEnd = j;
          next = j + 1;
        }
        out.cell(i, cellEnd, flags);
      }
      i = next;
      if (ended) break;
    }
    if (out.cellsOfRecord() > limits.maxColumns || i - recordStart > limits.maxCellChars) return GIVE_UP;
    if (odd && !out.oddRecord(this.cutAlone(bytes, recordStart, i))) return GIVE_UP;
    out.endRecord(i);
    return i;
  }

  /** A record's cells as `CsvParser` cuts them, or undefined if it does not cut one record there. */
  private cutAlone(bytes: Uint8Array, start: number, end: number): string[] | undefined {
    const parser = new CsvParser(this.syntax, this.limits, true);
    const records: string[][] = [];
    parser.push(utf8Text(bytes, start, end), records);
    parser.end(records);
    return records.length === 1 ? records[0] : undefined;
  }
}

/** A `SpanBatch` being filled: its arrays grow as cells come, and serve again for the next batch. */
class SpanBuilder {
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private flags = new Uint8Array(256);
  private cellsFrom = new Int32Array(1024);
  private cells = 0;
  private records = 0;
  private texts: Map<number, string[]> | undefined;
  private bytes: Uint8Array = new Uint8Array(0);
  private firstRowNumber = 1;
  /** Where the last record ended. */
  recordEnd = 0;

  /** Empties the builder for the records of `bytes` from `from`, with room for about `cellCapacity` cells. */
  start(bytes: Uint8Array, from: number, firstRowNumber: number, cellCapacity: number): void {
    this.bytes = bytes;
    this.recordEnd = from;
    this.firstRowNumber = firstRowNumber;
    this.cells = 0;
    this.records = 0;
    this.texts = undefined;
    // Made for the chunk's likely need at once, rather than doubled as cells come; with room to
    // spare, as chunks cut after a line feed are each a few bytes longer or shorter.
    if (cellCapacity > this.starts.length) {
      const size = cellCapacity + (cellCapacity >> 3);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.flags = new Uint8Array(size);
      // Records too, at a record per 4 cells: grown in the middle of a run, the array met V8's
      // optimised tokenizer with no feedback for the growth, which threw the tokenizer away.
      if (size >> 2 > this.cellsFrom.length) this.cellsFrom = new Int32Array(size >> 2);
    }
  }

  cell(start: number, end: number, flags: number): void {
    if (this.cells === this.starts.length) this.growCells();
    this.starts[this.cells] = start;
    this.ends[this.cells] = end;
    this.flags[this.cells++] = flags;
  }

  cellsOfRecord(): number {
    return this.cells - (this.cellsFrom[this.records] as number);
  }

  /** The record being cut is given as text: its spans are dropped. Returns false when there is none. */
  oddRecord(cells: string[] | undefined): boolean {
    if (cells === undefined) return false;
    this.cells = this.cellsFrom[this.records] as number;
    (this.texts ??= new Map()).set(this.records, cells);
    return true;
  }

  endRecord(end: number): void {
    this.recordEnd = end;
    if (this.records + 2 > this.cellsFrom.length) this.cellsFrom = copiedInto(this.cellsFrom, new Int32Array(2 * this.cellsFrom.length));
    this.cellsFrom[++this.records] = this.cells;
  }

  batch(): SpanBatch {
    return spanBatch(this.bytes, this.records, this.firstRowNumber, this.cellsFrom, this.starts, this.ends, this.flags, this.texts);
  }

  private growCells(): void {
    const size = 2 * this.starts.length;
    this.starts = copiedInto(this.starts, new Int32Array(size));
    this.ends = copiedInto(this.ends, new Int32Array(size));
    this.flags = copiedInto(this.flags, new Uint8Array(size));
  }
}

/**
 * `array`'s items copied into the start of `bigger`, made by the caller with its own type: made
 * from `array.constructor`, the first growth in a run met V8's optimised code without feedback
 * for that read and threw it away (one call site, two types, did too).
 */
export function copiedInto<T extends Int32Array | Uint32Array | Uint8Array>(array: T, bigger: T): T {
  bigger.set(array);
  return bigger;
}
