import type { CELL_FAILED } from "./types.ts";
import type { BytePattern } from "./byte-pattern.ts";

/**
 * Byte checks: a field's `checkCell`, tried on a CSV cell where it lies in the file's bytes
 * (UTF-8), so that the common cells of a big table (numbers, dates, ids, codes, enum members,
 * plain texts) need no string. A byte check only answers what it is sure of, the same as
 * `checkCell` on the cell's text would: anything else is `NEEDS_TEXT`, and the caller asks
 * `checkCell` with the text (so a byte check never decides differently, only sooner).
 *
 * A field's byte check is plain data (`BytePlan`) read by one function (`checkBytes`): one
 * call site for every field, where a closure per field made each cell a call that V8 could
 * not inline, and cost more than reading the cell's text.
 */

/** The cell is clean and its value is its text, not made yet: a string field's, a date's. */
export const CELL_TEXT: unique symbol = Symbol("cell-text");
/** The byte check cannot tell: ask `checkCell` with the cell's text. */
export const NEEDS_TEXT: unique symbol = Symbol("needs-text");

/**
 * Which fields of a `BytePlan` its check reads (numbers: one shape for every plan, which V8
 * keeps monomorphic). A const enum: the build writes its members as numbers, where module
 * constants became bundle-level variables that every cell's switch loaded and checked.
 */
export const enum PlanKind {
  /** Every cell but an empty one needs text. */
  BY_TEXT = 0,
  /** A text field: `CELL_TEXT` when the bounds, the uri format and the pattern pass on the bytes. */
  TEXT = 1,
  /** A number or an integer: a plain decimal, then its constraints. */
  DECIMAL = 2,
  /** A date in the default format, without constraint on its value. */
  DATE = 3,
  /** One of a few texts byte for byte (enum members, boolean values), each with its verdict worked out once. */
  MEMBERS = 4,
}

/** A field's byte check, as data: `kind` says which of the fields below it reads. */
export interface BytePlan {
  kind: PlanKind;
  /** What an empty cell is: null (missing), CELL_FAILED for a required field, NEEDS_TEXT where other texts are missing values. */
  empty: null | typeof CELL_FAILED | typeof NEEDS_TEXT;
  /** TEXT: a cell of at most this many bytes is within `maxLength` (-1: no bound). */
  maxBytes: number;
  /** TEXT: `minLength` (0: none); only a plain cell's bytes count its characters. */
  minChars: number;
  /** TEXT: the tests read bytes as characters, which only a plain cell allows. */
  plainOnly: boolean;
  /** TEXT: the uri format. */
  uri: boolean;
  pattern: BytePattern | undefined;
  /** DECIMAL: the decimal separator's byte (-1 for an integer). */
  decimalCode: number;
  integer: boolean;
  /** DECIMAL: the `minimum` and `maximum` constraints, read in place (±Infinity: none). */
  minimum: number;
  maximum: number;
  /** DECIMAL: the field's constraints on the value, when it has others than bounds. */
  constraints: ((value: unknown) => unknown) | undefined;
  /** MEMBERS: the texts, encoded, and the verdict of each. */
  members: Uint8Array[];
  verdicts: unknown[];
}

/** A plan of `kind` with nothing else set: the builders fill in what their kind reads. */
export function plan(kind: PlanKind, empty: BytePlan["empty"]): BytePlan {
  return { kind, empty, maxBytes: -1, minChars: 0, plainOnly: false, uri: false, pattern: undefined, decimalCode: -1, integer: false, minimum: -Infinity, maximum: Infinity, constraints: undefined, members: [], verdicts: [] };
}

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

export const UTF8 = new TextEncoder();

/**
 * Whether a member's UTF-8 bytes stand for it alone: a lone surrogate is encoded as U+FFFD, whose
 * bytes a cell "�" also has. A member that does not is left out, and such a cell goes to text.
 */
export function encodesAsItself(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}
