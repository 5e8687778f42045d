import { alternativesByLength } from "./alternatives-pattern.ts";
import { automatonAccepts, sequencesAutomaton } from "./byte-automaton.ts";
import { translateXsdPattern } from "./pattern.ts";
import { separatedPlan } from "./separated-pattern.ts";
import { inRanges, parseAtoms, type Ranges, withoutAnchors } from "./simple-pattern.ts";

/**
 * The `pattern` constraint tried on a cell's bytes, for the patterns that have a char-code
 * matcher (fixed length, separated words, fixed-length alternatives): the same plans as the
 * text matchers, read from bytes. Only for ASCII cells whose bytes are their text, where a
 * byte is the character's code unit; other patterns return undefined (their cells need text).
 */
export type BytePattern = (bytes: Uint8Array, start: number, end: number) => boolean;

/** The classes of a fixed-length sequence as one table: byte `c` at position `i` is accepted when `table[i * 256 + c]` is 1. */
function byteTable(atoms: readonly Ranges[]): Uint8Array {
  const table = new Uint8Array(atoms.length * 256);
  atoms.forEach((atom, i) => {
    for (let c = 0; c < 128; c++) if (inRanges(atom, c)) table[i * 256 + c] = 1;
  });
  return table;
}

function acceptsBytes(table: Uint8Array, length: number, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < length; i++) if (table[(i << 8) | (bytes[start + i] as number)] === 0) return false;
  return true;
}

function fixedLength(source: string): BytePattern | undefined {
  const atoms = parseAtoms(source);
  if (!atoms || atoms.length === 0) return undefined;
  const length = atoms.length;
  const table = byteTable(atoms);
  return (bytes, start, end) => end - start === length && acceptsBytes(table, length, bytes, start);
}

function separatedWords(pattern: string): BytePattern | undefined {
  const plan = separatedPlan(pattern);
  if (plan === undefined) return undefined;
  const ascii = plan.ascii;
  return (bytes, start, end) => {
    if (end === start) return false;
    let afterSeparator = true;
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number;
      // Callers give ASCII cells only: a byte ≥ 0x80 is outside the table, and fails.
      const kind = c < 128 ? (ascii[c] as number) : 0;
      if (kind === 0 || (kind === 2 && afterSeparator)) return false;
      afterSeparator = kind === 2;
    }
    return !afterSeparator;
  };
}

function alternatives(pattern: string): BytePattern | undefined {
  const byLength = alternativesByLength(pattern);
  // `flat` skips the lengths no alternative has.
  const automaton = byLength === undefined ? undefined : sequencesAutomaton(byLength.flat());
  if (automaton === undefined) return undefined;
  return (bytes, start, end) => automatonAccepts(automaton, bytes, start, end);
}

/** A byte matcher equivalent to the pattern's text matcher on ASCII cells, or undefined when the pattern has none. */
export function compileBytePattern(pattern: string): BytePattern | undefined {
  const translated = translateXsdPattern(pattern);
  return fixedLength(withoutAnchors(translated)) ?? separatedWords(translated) ?? alternatives(translated);
}
