import { inRanges, type Ranges } from "./simple-pattern.ts";

/**
 * Alternatives of class sequences (`0[1-46]|11|…|94`) as a deterministic automaton on bytes:
 * a cell costs one table read per byte, where trying each alternative of its length costs a
 * read per byte per alternative (a region code has 14 of length 2), and a mismatch ends it at
 * once. Only for ASCII cells whose bytes are their text (see byte-pattern.ts); a byte ≥ 0x80
 * is in no class, and rejects.
 */
export interface ByteAutomaton {
  /** `next[state << 8 | byte]`: the state after `byte`; state 0 rejects whatever follows, state 1 starts. */
  next: Uint16Array;
  /** 1 where a cell that ends in that state matches. */
  accepts: Uint8Array;
}

/** Beyond this many states the pattern is left to the text matcher (a state's row is 512 bytes). */
const MAX_STATES = 512;

/**
 * The automaton that accepts a text when one of `sequences` accepts it class by class (the text
 * as long as the sequence), or undefined when it would need more than `MAX_STATES` states. A
 * state is the set of sequences still matching after `depth` bytes: built from the start state
 * for each byte that keeps one alive (the subset construction).
 */
export function sequencesAutomaton(sequences: readonly (readonly Ranges[])[]): ByteAutomaton | undefined {
  const states: { depth: number; alive: number[] }[] = [{ depth: 0, alive: [] }];
  const ids = new Map<string, number>();
  const stateOf = (depth: number, alive: number[]): number => {
    if (alive.length === 0) return 0;
    const key = `${depth}:${alive.join(",")}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = states.length;
      states.push({ depth, alive });
      ids.set(key, id);
    }
    return id;
  };
  stateOf(0, sequences.map((_, k) => k));
  const rows: Uint16Array[] = [new Uint16Array(256)];
  const accepts: number[] = [0];
  for (let s = 1; s < states.length; s++) {
    if (states.length > MAX_STATES) return undefined;
    const { depth, alive } = states[s] as { depth: number; alive: number[] };
    const row = new Uint16Array(256);
    for (let c = 0; c < 128; c++) {
      row[c] = stateOf(depth + 1, alive.filter((k) => {
        const sequence = sequences[k] as readonly Ranges[];
        return depth < sequence.length && inRanges(sequence[depth] as Ranges, c);
      }));
    }
    rows.push(row);
    accepts.push(alive.some((k) => (sequences[k] as readonly Ranges[]).length === depth) ? 1 : 0);
  }
  const next = new Uint16Array(rows.length * 256);
  rows.forEach((row, s) => next.set(row, s * 256));
  return { next, accepts: Uint8Array.from(accepts) };
}

/** Whether the automaton accepts `bytes[start..end)`. */
export function automatonAccepts(automaton: ByteAutomaton, bytes: Uint8Array, start: number, end: number): boolean {
  const next = automaton.next;
  let state = 1;
  for (let i = start; i < end && state !== 0; i++) state = next[(state << 8) | (bytes[i] as number)] as number;
  return automaton.accepts[state] === 1;
}
