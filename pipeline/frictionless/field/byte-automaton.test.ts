import { describe, expect, it } from "vitest";
import { alternativesByLength, compileAlternativesPattern } from "./alternatives-pattern.ts";
import { automatonAccepts, sequencesAutomaton } from "./byte-automaton.ts";
import { parseAtoms, type Ranges } from "./simple-pattern.ts";

/** The automaton of a pattern of alternatives, as the byte checks build it. */
function automatonOf(pattern: string): ReturnType<typeof sequencesAutomaton> {
  return sequencesAutomaton((alternativesByLength(pattern) as Ranges[][][]).flat());
}

/** Every text of up to `length` characters over `alphabet`. */
function texts(alphabet: string, length: number): string[] {
  const found = [""];
  for (let start = 0, n = 1; n <= length; n++) {
    const end = found.length;
    for (let k = start; k < end; k++) for (const ch of alphabet) found.push((found[k] as string) + ch);
    start = end;
  }
  return found;
}

describe("byte automata", () => {
  it("accept the texts the alternatives' text matcher accepts, and no other, prefixes shared or not", () => {
    const patterns = [
      "(0[1-46]|11|24|27|28|32|44|52|53|75|76|84|93|94)",
      "(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-46])",
      "(ab|abc|a[b-d]d|b)",
      "(\\d{2}|\\d{4}|x\\d)",
    ];
    const encoder = new TextEncoder();
    for (const pattern of patterns) {
      const automaton = automatonOf(pattern);
      const matches = compileAlternativesPattern(pattern) as (text: string) => boolean;
      expect(automaton, pattern).toBeDefined();
      let accepted = 0;
      const wrong: string[] = [];
      for (const text of texts("0123479ABabcdx", 4)) {
        const bytes = encoder.encode(` ${text} `);
        const verdict = automatonAccepts(automaton as NonNullable<typeof automaton>, bytes, 1, bytes.length - 1);
        if (verdict !== matches(text)) wrong.push(text);
        if (verdict) accepted++;
      }
      expect(wrong, pattern).toEqual([]);
      expect(accepted, pattern).toBeGreaterThan(3);
    }
  });

  it("reject a byte outside ASCII, and are not built past their bound of states", () => {
    const automaton = automatonOf("(a\\w|b)");
    expect(automatonAccepts(automaton as NonNullable<typeof automaton>, new Uint8Array([97, 0xc3]), 0, 2)).toBe(false);
    // 40 alternatives of 16 distinct characters then a class: more than 512 states.
    const many = Array.from({ length: 40 }, (_, k) => parseAtoms(`${k.toString(36).padStart(2, "0").repeat(8)}[a-z]`) as Ranges[]);
    expect(sequencesAutomaton(many)).toBeUndefined();
    expect(sequencesAutomaton(many.slice(0, 3))).toBeDefined();
  });
});
