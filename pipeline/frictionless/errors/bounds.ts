import type { ErrorProps } from "./types.ts";

/**
 * How much of a row or header an error quotes. frictionless-py quotes every cell and label, so a
 * 200,000-column row with 1,000 errors made a report of 200 million strings (1.9 GB, then
 * `RangeError: Invalid string length`). Ours quotes at most `MAX_QUOTED_ITEMS` items, each at
 * most `MAX_QUOTED_CHARS` characters: the same report for ordinary tables, a bounded one for any
 * table. `fieldNumber` and `rowNumber` still say where the error is.
 */
export const MAX_QUOTED_ITEMS = 100;
export const MAX_QUOTED_CHARS = 1000;

/** The lists an error may quote from a row, a header or a key. */
const LISTS = ["cells", "labels", "fieldCells", "fieldNames", "referenceFieldNames"] as const;
/** The texts an error may quote from a cell, a label or a note built from them. */
const TEXTS = ["cell", "label", "note"] as const;

/** A text cut to `MAX_QUOTED_CHARS`, its end marked with "…" when cut. */
export function quotedText(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 1)}…` : text;
}

/** At most `MAX_QUOTED_ITEMS` items of `items`, each made text by `text` and cut. */
export function quotedList<T>(items: readonly T[], text: (item: T) => string): string[] {
  const count = Math.min(items.length, MAX_QUOTED_ITEMS);
  const out = new Array<string>(count);
  for (let k = 0; k < count; k++) out[k] = quotedText(text(items[k] as T));
  return out;
}

/** `props` with its quoted lists and texts within the bounds (the same object when they already are). */
export function boundProps(props: ErrorProps): ErrorProps {
  let bounded: ErrorProps | undefined;
  for (const key of LISTS) {
    const list = props[key];
    if (list !== undefined && (list.length > MAX_QUOTED_ITEMS || list.some((item) => item.length > MAX_QUOTED_CHARS))) {
      (bounded ??= { ...props })[key] = quotedList(list, String);
    }
  }
  for (const key of TEXTS) {
    const text = props[key];
    if (text !== undefined && text.length > MAX_QUOTED_CHARS) (bounded ??= { ...props })[key] = quotedText(text);
  }
  return bounded ?? props;
}
