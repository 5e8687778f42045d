import { describe, expect, it } from "vitest";
import { KeyHashSet } from "./key-hash-set.ts";

describe("KeyHashSet", () => {
  it("remembers where each key last appeared, through many resizes", () => {
    const set = new KeyHashSet();
    for (let n = 1; n <= 50_000; n++) expect(set.put(`999${String(n).padStart(6, "0")}`, n + 1)).toBe(0);
    expect(set.size).toBe(50_000);
    expect(set.put("999000042", 99_999)).toBe(43);
    expect(set.get("999000042")).toBe(99_999);
    expect(set.size).toBe(50_000);
    expect(set.has("999050001")).toBe(false);
    expect(set.get("")).toBe(0);
    set.add("");
    expect(set.has("")).toBe(true);
  });

  it("tells apart keys that differ only in order or case", () => {
    const set = new KeyHashSet();
    set.add('["1","2"]');
    expect(set.has('["2","1"]')).toBe(false);
    set.add("Appel-1");
    expect(set.has("appel-1")).toBe(false);
  });
});

describe("KeyHashSet.reserve", () => {
  it("keeps every key when sized up front, then grows past the estimate", () => {
    const set = new KeyHashSet();
    set.reserve(10_000);
    for (let n = 1; n <= 30_000; n++) set.add(`appel-${n}`);
    expect(set.size).toBe(30_000);
    expect(set.has("appel-1")).toBe(true);
    expect(set.has("appel-30000")).toBe(true);
    expect(set.has("appel-30001")).toBe(false);
  });
});
