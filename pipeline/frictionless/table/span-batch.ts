/**
 * Records of a CSV text as byte offsets into its bytes: cells are checked where they lie, and
 * a string is made only for a cell that needs one (a key, a failed cell, an error's quote).
 * The contract between the span tokenizer (which fills batches) and the span checks (which
 * read them); `spanText` is the one way back to the text the string tokenizer gives.
 */

/**
 * A cell's flags. A const enum, which the build writes as numbers where it is used: the span
 * tokenizer sets them on every cell, and a bundle-level constant is a `var` that V8 reads from
 * memory and cannot treat as a small integer (each store to `flags` then went through a double).
 */
export const enum SpanFlag {
  /** The cell was between quotes: `starts`/`ends` are inside them. */
  QUOTED = 1,
  /** The cell holds doubled quotes: its text is its bytes with each `""` read as `"`. */
  ESCAPED = 2,
  /** The cell holds a byte ≥ 0x80: its text must be decoded, its length in characters is not its length in bytes. */
  NON_ASCII = 4,
}

/** The flags under the names the span checks read them by. */
export const SPAN_QUOTED = SpanFlag.QUOTED;
export const SPAN_ESCAPED = SpanFlag.ESCAPED;
export const SPAN_NON_ASCII = SpanFlag.NON_ASCII;

/**
 * Consecutive records of one CSV text (UTF-8, a one-byte delimiter, `"` quotes doubled, no
 * escape character, no comment, no null sequence, no initial-space skipping: other dialects
 * take the string tokenizer). Record `r` of the batch is physical row `firstRowNumber + r`.
 */
export interface SpanBatch {
  /** The bytes the offsets point into. */
  bytes: Uint8Array;
  /** Records in the batch. */
  count: number;
  /** Physical row number of the batch's first record (as `SourceRow.rowNumber`). */
  firstRowNumber: number;
  /** Record `r`'s cells are `cellsFrom[r]` up to `cellsFrom[r + 1]` (exclusive): `count + 1` entries are read. */
  cellsFrom: Int32Array;
  /** Per cell: offset of its first byte in `bytes`. */
  starts: Int32Array;
  /** Per cell: offset after its last byte. */
  ends: Int32Array;
  /** Per cell: `SPAN_QUOTED | SPAN_ESCAPED | SPAN_NON_ASCII`. */
  flags: Uint8Array;
  /**
   * Records the span tokenizer left to the string tokenizer (anything but plain and wholly
   * quoted cells: a quote inside an unquoted cell, text after a closing quote, a lone CR…):
   * their cells as the string tokenizer gives them. Such a record has no spans
   * (`cellsFrom[r] === cellsFrom[r + 1]`). Undefined when there are none.
   */
  texts?: ReadonlyMap<number, string[]>;
}

/**
 * A batch, made by its own constructor. An object literal shares V8's hidden class, and its
 * field types, with every literal elsewhere in the program that starts with the same keys: one
 * of them storing another kind of value there made V8 throw away the optimised code that reads
 * batches, in the middle of a validation, and compile it again (docs/decisions.md §31).
 */
class Batch implements SpanBatch {
  constructor(
    readonly bytes: Uint8Array,
    readonly count: number,
    readonly firstRowNumber: number,
    readonly cellsFrom: Int32Array,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly flags: Uint8Array,
    readonly texts: ReadonlyMap<number, string[]> | undefined,
  ) {}
}

/** A batch of these arrays (see `SpanBatch`); `texts` undefined when every record has spans. */
export function spanBatch(
  bytes: Uint8Array,
  count: number,
  firstRowNumber: number,
  cellsFrom: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  flags: Uint8Array,
  texts: ReadonlyMap<number, string[]> | undefined,
): SpanBatch {
  return new Batch(bytes, count, firstRowNumber, cellsFrom, starts, ends, flags, texts);
}

/**
 * Node's own decoders, called on the bytes as they are: no object made per cell, where
 * `Buffer.from(…).toString` makes a Buffer and `TextDecoder.decode(subarray)` a view.
 */
const { utf8Slice, latin1Slice } = Buffer.prototype as unknown as {
  utf8Slice(this: Uint8Array, start: number, end: number): string;
  latin1Slice(this: Uint8Array, start: number, end: number): string;
};

/** The text of UTF-8 bytes from `start` to `end` (a byte that is not UTF-8 reads as U+FFFD, as `TextDecoder` reads it). */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return utf8Slice.call(bytes, start, end);
}

/** Cell `cell`'s text, exactly as the string tokenizer gives it. */
export function spanText(batch: SpanBatch, cell: number): string {
  const start = batch.starts[cell] as number;
  const end = batch.ends[cell] as number;
  const flags = batch.flags[cell] as number;
  // ASCII bytes decode the same either way; the latin1 decoder does not look for multi-byte sequences.
  const text = flags & SPAN_NON_ASCII ? utf8Slice.call(batch.bytes, start, end) : latin1Slice.call(batch.bytes, start, end);
  return flags & SPAN_ESCAPED ? text.replaceAll('""', '"') : text;
}

/** Record `r`'s cells as text: what a `SourceRow` holds. */
export function recordTexts(batch: SpanBatch, r: number): string[] {
  const given = batch.texts?.get(r);
  if (given) return given;
  const from = batch.cellsFrom[r] as number;
  const to = batch.cellsFrom[r + 1] as number;
  const cells = new Array<string>(to - from);
  for (let cell = from; cell < to; cell++) cells[cell - from] = spanText(batch, cell);
  return cells;
}
