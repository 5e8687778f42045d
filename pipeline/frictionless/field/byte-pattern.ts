import { alternativesByLength } from "./alternatives-pattern.ts";
import { automatonAccepts, type ByteAutomaton, sequencesAutomaton } from "./byte-automaton.ts";
import { translateXsdPattern } from "./pattern.ts";
import { separatedPlan } from "./separated-pattern.ts";
import { inRanges, parseAtoms, type Ranges, withoutAnchors } from "./simple-pattern.ts";

/**
 * The `pattern` constraint tried on a cell's bytes, for the patterns that have a char-code
 * matcher (fixed length, separated words, fixed-length alternatives): the same plans as the
 * text matchers, read from bytes. Only for ASCII cells whose bytes are their text, where a
 * byte is the character's code unit; other patterns have none (their cells need text).
 *
 * A matcher is data read by `matchesBytes`, as a field's `BytePlan` is (see byte-plan.ts): a
 * closure per pattern made each cell an indirect call that V8 could not inline, among closures
 * of three kinds at one call site.
 */

/** What a `BytePattern` is, and which of its fields `matchesBytes` reads (a const enum: numbers in the build, see `PlanKind`). */
const enum PatternKind {
  /** A fixed-length sequence of classes: `table[i << 8 | byte]` is 1 where position `i` accepts the byte. */
  FIXED = 0,
  /** Words of a class joined by single separators: `table[byte]` is 1 in the class, 2 the separator, 0 neither. */
  SEPARATED = 1,
  /** Alternatives of class sequences, as an automaton (byte-automaton.ts). */
  ALTERNATIVES = 2,
}

export interface BytePattern {
  kind: PatternKind;
  table: Uint8Array;
  /** FIXED: the cell's length in bytes. */
  length: number;
  automaton: ByteAutomaton | undefined;
}

/** Whether the cell `bytes[start..end)` (ASCII, not empty) matches the pattern. */
export function matchesBytes(pattern: BytePattern, bytes: Uint8Array, start: number, end: number): boolean {
  const table = pattern.table;
  switch (pattern.kind) {
    case PatternKind.FIXED: {
      if (end - start !== pattern.length) return false;
      for (let i = 0; i < pattern.length; i++) if (table[(i << 8) | (bytes[start + i] as number)] === 0) return false;
      return true;
    }
    case PatternKind.SEPARATED: {
      // As if after a separator: a word comes first, and two separators never follow each other.
      let previous = 2;
      for (let i = start; i < end; i++) {
        const kind = table[bytes[i] as number] as number;
        if (kind === 0 || (kind & previous) === 2) return false;
        previous = kind;
      }
      return previous === 1;
    }
    default:
      return automatonAccepts(pattern.automaton as ByteAutomaton, bytes, start, end);
  }
}

function fixedLength(source: string): BytePattern | undefined {
  const atoms = parseAtoms(source);
  if (!atoms || atoms.length === 0) return undefined;
  // Bytes ≥ 0x80 are in no class: a plain cell has none, and one that had would fail.
  const table = new Uint8Array(atoms.length * 256);
  atoms.forEach((atom: Ranges, i) => {
    for (let c = 0; c < 128; c++) if (inRanges(atom, c)) table[(i << 8) | c] = 1;
  });
  return { kind: PatternKind.FIXED, table, length: atoms.length, automaton: undefined };
}

function separatedWords(pattern: string): BytePattern | undefined {
  const plan = separatedPlan(pattern);
  if (plan === undefined) return undefined;
  const table = new Uint8Array(256);
  table.set(plan.ascii);
  return { kind: PatternKind.SEPARATED, table, length: 0, automaton: undefined };
}

function alternatives(pattern: string): BytePattern | undefined {
  const byLength = alternativesByLength(pattern);
  // `flat` skips the lengths no alternative has.
  const automaton = byLength === undefined ? undefined : sequencesAutomaton(byLength.flat());
  return automaton === undefined ? undefined : { kind: PatternKind.ALTERNATIVES, table: new Uint8Array(0), length: 0, automaton };
}

/** A byte matcher equivalent to the pattern's text matcher on ASCII cells, or undefined when the pattern has none. */
export function compileBytePattern(pattern: string): BytePattern | undefined {
  const translated = translateXsdPattern(pattern);
  return fixedLength(withoutAnchors(translated)) ?? separatedWords(translated) ?? alternatives(translated);
}
