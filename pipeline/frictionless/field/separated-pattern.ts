import { classRanges, ESCAPED_CLASSES, inRanges, withoutAnchors } from "./simple-pattern.ts";

/**
 * Words of one class joined by single separators, `[a-z0-9]+(-[a-z0-9]+)*`: the usual pattern of
 * identifiers (slugs) in open-data schemas, checked on every row as a primary key often is. Its
 * language is "characters of the class or the separator, starting and ending with the class, no
 * two separators in a row" when the separator is not in the class, which one pass decides
 * without the RegExp engine. Any other shape returns undefined and stays a RegExp.
 */

/** `CLASS+(SEP CLASS+)*`, the group capturing or not; the separator a literal character. */
const SHAPE = /^(\[(?:[^\]\\]|\\.)*\]|\\[dw])\+\((?:\?:)?(\\[./+-]|[-_/:@~,;])(\[(?:[^\]\\]|\\.)*\]|\\[dw])\+\)\*$/;

/**
 * Per ASCII unit of a separated-words pattern: 1 in the class, 2 the separator, 0 neither;
 * `ranges` for other units.
 */
export interface SeparatedPlan {
  ascii: Uint8Array;
  ranges: number[];
}

/** The plan of a separated-words pattern (see `SeparatedPlan`), or undefined for any other shape. */
export function separatedPlan(pattern: string): SeparatedPlan | undefined {
  const shape = SHAPE.exec(withoutAnchors(pattern));
  if (!shape || shape[1] !== shape[3]) return undefined;
  const word = shape[1] as string;
  const ranges = ESCAPED_CLASSES[word] ?? classRanges(word.slice(1, -1));
  const separator = (shape[2] as string).charCodeAt((shape[2] as string).length - 1);
  if (ranges === undefined || inRanges(ranges, separator)) return undefined;
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = c === separator ? 2 : inRanges(ranges, c) ? 1 : 0;
  return { ascii, ranges };
}

/** A tester equivalent to `new RegExp("^(?:" + pattern + ")$")` for separated words, else undefined. */
export function compileSeparatedPattern(pattern: string): ((text: string) => boolean) | undefined {
  const plan = separatedPlan(pattern);
  if (plan === undefined) return undefined;
  const { ascii, ranges } = plan;
  return (text) => {
    if (text.length === 0) return false;
    let afterSeparator = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const kind = c < 128 ? (ascii[c] as number) : inRanges(ranges, c) ? 1 : 0;
      if (kind === 0 || (kind === 2 && afterSeparator)) return false;
      afterSeparator = kind === 2;
    }
    return !afterSeparator;
  };
}
