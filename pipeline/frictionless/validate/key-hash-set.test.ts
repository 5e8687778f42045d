import { describe, expect, it } from "vitest";
import { hashAsciiKey, hashKey, KeyHashSet } from "./key-hash-set.ts";

/** Where `key` last appeared (0: never), looked up as the key checks do, by its hash. */
function rowOf(set: KeyHashSet, key: string): number {
  const hash = new Int32Array(2);
  hashKey(key, hash, 0);
  return set.getHash(hash[0] as number, hash[1] as number);
}

describe("hashAsciiKey", () => {
  it("gives the hash of the text that ASCII bytes spell, wherever they lie in the buffer", () => {
    // A fixed seed: the same pseudo-random texts every run.
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 40 }, () => String.fromCharCode(next() % 128)).join("");
      const bytes = new TextEncoder().encode(`xx${text}yy`);
      const fromText = new Int32Array(2);
      const fromBytes = new Int32Array(4);
      hashKey(text, fromText, 0);
      hashAsciiKey(bytes, 2, bytes.length - 2, fromBytes, 2);
      expect([...fromBytes.subarray(2)]).toEqual([...fromText]);
    }
  });
});

describe("KeyHashSet", () => {
  it("remembers where each key last appeared, through many resizes", () => {
    const set = new KeyHashSet();
    for (let n = 1; n <= 50_000; n++) expect(set.put(`999${String(n).padStart(6, "0")}`, n + 1)).toBe(0);
    expect(set.size).toBe(50_000);
    expect(set.put("999000042", 99_999)).toBe(43);
    expect(rowOf(set, "999000042")).toBe(99_999);
    expect(set.size).toBe(50_000);
    expect(rowOf(set, "999050001")).toBe(0);
    expect(rowOf(set, "")).toBe(0);
    set.add("");
    expect(rowOf(set, "")).toBe(1);
  });

  it("tells apart keys that differ only in order or case", () => {
    const set = new KeyHashSet();
    set.add('["1","2"]');
    expect(rowOf(set, '["2","1"]')).toBe(0);
    set.add("Appel-1");
    expect(rowOf(set, "appel-1")).toBe(0);
  });
});

describe("KeyHashSet.reserve", () => {
  it("keeps every key when sized up front, then grows past the estimate", () => {
    const set = new KeyHashSet();
    set.reserve(10_000);
    for (let n = 1; n <= 30_000; n++) set.add(`appel-${n}`);
    expect(set.size).toBe(30_000);
    expect(rowOf(set, "appel-1")).toBe(1);
    expect(rowOf(set, "appel-30000")).toBe(1);
    expect(rowOf(set, "appel-30001")).toBe(0);
  });
});

describe("KeyHashSet's slots", () => {
  /** Random 64-bit hashes (never 0, 0), as `hashKey` writes them. */
  function randomHashes(count: number, seed: number): Int32Array {
    const out = new Int32Array(2 * count);
    let state = seed;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) | 0) ^ (state >>> 15);
    for (let k = 0; k < out.length; k += 2) {
      out[k] = next() | 1;
      out[k + 1] = next();
    }
    return out;
  }

  it("find every key and no other in a table filled to its limit, searches wrapping past its last slot", () => {
    // 768 keys fill the first 1024 slots to 75%: runs of taken slots then reach the table's end and go on at its start.
    for (const seed of [1, 2, 3]) {
      const set = new KeyHashSet();
      const hashes = randomHashes(1000, seed);
      for (let k = 0; k < 768; k++) expect(set.putHash(hashes[2 * k] as number, hashes[2 * k + 1] as number, k + 1)).toBe(0);
      for (let k = 0; k < 768; k++) expect(set.getHash(hashes[2 * k] as number, hashes[2 * k + 1] as number)).toBe(k + 1);
      for (let k = 768; k < 1000; k++) expect(set.getHash(hashes[2 * k] as number, hashes[2 * k + 1] as number)).toBe(0);
      expect(set.putHash(hashes[0] as number, hashes[1] as number, 5000)).toBe(1);
      expect(set.size).toBe(768);
    }
  });

  it("keep every key when reserved for a count between two powers of two, and through the growth after", () => {
    const set = new KeyHashSet();
    set.reserve(3000);
    const hashes = randomHashes(20_000, 7);
    for (let k = 0; k < 20_000; k++) expect(set.putHash(hashes[2 * k] as number, hashes[2 * k + 1] as number, k + 1)).toBe(0);
    for (let k = 0; k < 20_000; k++) expect(set.getHash(hashes[2 * k] as number, hashes[2 * k + 1] as number)).toBe(k + 1);
    // With b = 0 the slot is read from a alone: 0xffffffff starts at the last slot, 1 at the first.
    for (const [a, b] of [[-1, 0], [1, 0], [0x7fffffff, 0], [-0x80000000, 0]] as const) {
      expect(set.getHash(a, b)).toBe(0);
      expect(set.putHash(a, b, 42)).toBe(0);
      expect(set.getHash(a, b)).toBe(42);
    }
  });
});
