/**
 * Fixed-length patterns such as `^\d{9}$` (SIREN), `[0-9]{5}` (postal code) or `FR[0-9]{2}`
 * are most of the `pattern` constraints in French schemas. They are matched here by char-code
 * ranges, position by position, instead of through the RegExp engine. Anything else (groups,
 * alternation, variable repetition, escapes other than \d \w) returns undefined and stays a RegExp.
 */

export type Ranges = number[]; // [lo0, hi0, lo1, hi1, ...]

const DIGIT: Ranges = [48, 57];
const WORD: Ranges = [48, 57, 65, 90, 95, 95, 97, 122];
/** The classes written as escapes, `\d` and `\w`. */
export const ESCAPED_CLASSES: Readonly<Record<string, Ranges>> = { "\\d": DIGIT, "\\w": WORD };

/** Whether the code unit `c` is in one of the ranges. */
export function inRanges(ranges: Ranges, c: number): boolean {
  for (let r = 0; r < ranges.length; r += 2) if (c >= (ranges[r] as number) && c <= (ranges[r + 1] as number)) return true;
  return false;
}

/** Whether each code unit of `text` is in its atom's ranges (the text as long as the atoms). */
export function acceptsAtoms(atoms: readonly Ranges[], text: string): boolean {
  for (let i = 0; i < atoms.length; i++) if (!inRanges(atoms[i] as Ranges, text.charCodeAt(i))) return false;
  return true;
}

/** The ranges of a class's body (`a-z0-9` in `[a-z0-9]`), or undefined for what this module leaves to RegExp (negation, nesting). */
export function classRanges(body: string): Ranges | undefined {
  const ranges: Ranges = [];
  for (let i = 0; i < body.length; i++) {
    let ch = body[i] as string;
    if (ch === "\\") {
      const next = body[i + 1];
      i++;
      if (next === "d") { ranges.push(...DIGIT); continue; }
      if (next === "w") { ranges.push(...WORD); continue; }
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      ch = next;
    } else if (ch === "[" || (ch === "^" && i === 0)) {
      return undefined;
    }
    const lo = ch.charCodeAt(0);
    if (body[i + 1] === "-" && i + 2 < body.length) {
      const hiChar = body[i + 2] as string;
      if (hiChar === "\\" || hiChar === "[") return undefined;
      ranges.push(lo, hiChar.charCodeAt(0));
      i += 2;
    } else {
      ranges.push(lo, lo);
    }
  }
  return ranges.length > 0 ? ranges : undefined;
}

/** The fixed-length sequence of classes a pattern is (one class per character), or undefined for anything else. */
export function parseAtoms(source: string): Ranges[] | undefined {
  const atoms: Ranges[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    let atom: Ranges | undefined;
    if (ch === "[") {
      // `[]` is an empty class in JavaScript, not a bracket: left to RegExp.
      if (source[i + 1] === "]") return undefined;
      const end = source.indexOf("]", i + 2);
      if (end < 0) return undefined;
      atom = classRanges(source.slice(i + 1, end));
      i = end + 1;
    } else if (ch === "\\") {
      const next = source[i + 1];
      atom = next === "d" ? DIGIT : next === "w" ? WORD : next !== undefined && !/[A-Za-z0-9]/.test(next) ? [next.charCodeAt(0), next.charCodeAt(0)] : undefined;
      i += 2;
    } else if ("()|*+?.{}^$".includes(ch)) {
      return undefined;
    } else {
      atom = [ch.charCodeAt(0), ch.charCodeAt(0)];
      i++;
    }
    if (!atom) return undefined;
    let count = 1;
    const quantifier = /^\{(\d+)\}/.exec(source.slice(i));
    if (quantifier) {
      count = Number(quantifier[1]);
      i += quantifier[0].length;
      if (count > 1000) return undefined;
    } else if (i < source.length && "*+?{".includes(source[i] as string)) {
      return undefined;
    }
    for (let k = 0; k < count; k++) atoms.push(atom);
  }
  return atoms;
}

/** The pattern inside the `^(?:…)$` that wraps it, without a leading `^` and a trailing `$` (redundant there). */
export function withoutAnchors(pattern: string): string {
  let source = pattern;
  if (source.startsWith("^")) source = source.slice(1);
  if (source.endsWith("$") && !source.endsWith("\\$")) source = source.slice(0, -1);
  return source;
}

/** A tester equivalent to `new RegExp("^(?:" + pattern + ")$")` for fixed-length patterns, else undefined. */
export function compileSimplePattern(pattern: string): ((text: string) => boolean) | undefined {
  const atoms = parseAtoms(withoutAnchors(pattern));
  if (!atoms || atoms.length === 0) return undefined;
  const length = atoms.length;
  return (text) => text.length === length && acceptsAtoms(atoms, text);
}
