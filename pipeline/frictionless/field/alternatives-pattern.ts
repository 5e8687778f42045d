import { acceptsAtoms, parseAtoms, type Ranges, withoutAnchors } from "./simple-pattern.ts";

/**
 * Alternatives of fixed length, `(0[1-46]|11|24|…|94)`: the pattern of official codes (regions,
 * departments, categories). Each alternative is a sequence of classes; a text matches when one
 * alternative of its length accepts it character by character. One function without the RegExp
 * engine's entry and match bookkeeping, run on every row. Anything else returns undefined.
 */

/** Beyond this an alternative is long enough for the RegExp engine to be worth its entry cost. */
const MAX_LENGTH = 32;

/** The `|`-separated parts of `source`, split outside classes and escapes; undefined when it has groups. */
function topLevelAlternatives(source: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(" || ch === ")") return undefined;
    else if (ch === "|") {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** The pattern without one group around all of it, `(…)` or `(?:…)`. */
function withoutGroup(source: string): string {
  const open = source.startsWith("(?:") ? 3 : source.startsWith("(") && !source.startsWith("(?") ? 1 : 0;
  return open > 0 && source.endsWith(")") && !source.endsWith("\\)") ? source.slice(open, -1) : source;
}

/** The alternatives of a pattern of fixed-length alternatives, as sequences of classes indexed by their length; else undefined. */
export function alternativesByLength(pattern: string): Ranges[][][] | undefined {
  const parts = topLevelAlternatives(withoutGroup(withoutAnchors(pattern)));
  if (parts === undefined || parts.length < 2) return undefined;
  const byLength: Ranges[][][] = [];
  for (const part of parts) {
    const atoms = parseAtoms(part);
    if (atoms === undefined || atoms.length > MAX_LENGTH) return undefined;
    (byLength[atoms.length] ??= []).push(atoms);
  }
  return byLength;
}

/** A tester equivalent to `new RegExp("^(?:" + pattern + ")$")` for alternatives of fixed length, else undefined. */
export function compileAlternativesPattern(pattern: string): ((text: string) => boolean) | undefined {
  const byLength = alternativesByLength(pattern);
  if (byLength === undefined) return undefined;
  return (text) => {
    const candidates = byLength[text.length];
    if (candidates === undefined) return false;
    for (let k = 0; k < candidates.length; k++) if (acceptsAtoms(candidates[k] as Ranges[], text)) return true;
    return false;
  };
}
