import { describe, expect, it } from "vitest";
import { batchedPieces, jsonPieces } from "./json-pieces.ts";

describe("jsonPieces", () => {
  it("joins to exactly JSON.stringify(value, null, 2)", () => {
    const values: unknown[] = [
      { valid: false, stats: { tasks: 1 }, warnings: [], errors: [], tasks: [{ labels: ["a", "b"], nested: [[], {}, [1, [2, null]]], skip: undefined }] },
      [1, "deux", null, true, { a: undefined, b: [{}] }, undefined],
      "texte \"cité\"\n",
      42,
      { date: new Date(Date.UTC(2024, 0, 15)), empty: {} },
    ];
    for (const value of values) expect([...jsonPieces(value)].join("")).toBe(JSON.stringify(value, null, 2));
  });

  it("never yields one big string: each element of a long list is its own piece", () => {
    const labels = Array.from({ length: 100_000 }, (_, k) => `colonne ${k}`);
    const pieces = [...batchedPieces(jsonPieces({ labels }), 4096)];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(4096 + 64);
    expect(pieces.join("")).toBe(JSON.stringify({ labels }, null, 2));
  });
});
