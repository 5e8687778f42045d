import { describe, expect, it } from "vitest";
import { hashKey, KeyHashSet } from "./key-hash-set.ts";

/** Where `key` last appeared (0: never), looked up as the key checks do, by its hash. */
function rowOf(set: KeyHashSet, key: string): number {
  const hash = new Int32Array(2);
  hashKey(key, hash, 0);
  return set.getHash(hash[0] as number, hash[1] as number);
}

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
