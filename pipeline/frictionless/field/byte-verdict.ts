import { SPAN_ESCAPED, SPAN_NON_ASCII } from "../table/span-batch.ts";

/**
 * Byte checks: a field's `checkCell`, tried on a CSV cell where it lies in the file's bytes
 * (UTF-8), so that the common cells of a big table (numbers, dates, ids, codes, enum members,
 * plain texts) need no string. A byte check only answers what it is sure of, the same as
 * `checkCell` on the cell's text would: anything else is `NEEDS_TEXT`, and the caller asks
 * `checkCell` with the text (so a byte check never decides differently, only sooner).
 */

/** The cell is clean and its value is its text, not made yet: a string field's, a date's. */
export const CELL_TEXT: unique symbol = Symbol("cell-text");
/** The byte check cannot tell: ask `checkCell` with the cell's text. */
export const NEEDS_TEXT: unique symbol = Symbol("needs-text");

/**
 * A cell's bytes `bytes[start..end)` and its span flags (`SPAN_ESCAPED`, `SPAN_NON_ASCII`) →
 * its logical value (number, boolean, null, an enum's member), `CELL_TEXT`, `CELL_FAILED` (the
 * cell is not clean) or `NEEDS_TEXT`.
 */
export type ByteCheck = (bytes: Uint8Array, start: number, end: number, flags: number) => unknown;

/** Flags of a cell whose bytes are not its text's code units one for one. */
export const NOT_PLAIN = SPAN_ESCAPED | SPAN_NON_ASCII;

/** Whether `bytes[start..end)` are the UTF-8 bytes of one of `texts` (given encoded): its index, or -1. */
export function indexOfBytes(texts: readonly Uint8Array[], bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  next: for (let k = 0; k < texts.length; k++) {
    const text = texts[k] as Uint8Array;
    if (text.length !== length) continue;
    for (let i = 0; i < length; i++) if (text[i] !== bytes[start + i]) continue next;
    return k;
  }
  return -1;
}
