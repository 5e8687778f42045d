import { describe, expect, it } from "vitest";
import { rowsFromPiece } from "./validate-in-parallel.ts";

const encoder = new TextEncoder();

/** Synthetic rows of varying width, as a table's rows are. */
function rows(count: number, from = 0): string {
  let text = "";
  for (let i = from; i < from + count; i++) text += `${String(i).padStart(6, "0")},projet-${"x".repeat(i % 17)},${(i * 37) % 1000}\n`;
  return text;
}

describe("rowsFromPiece (the key sets' size, from the first whole chunk)", () => {
  it("gives a file's rows from a middle piece's line feeds, with at most a tenth to spare", () => {
    const head = rows(10);
    const middle = rows(2_000, 10);
    const file = head + middle + rows(50_000, 2_010);
    const start = encoder.encode(head).length;
    const bytes = encoder.encode(middle);
    const size = encoder.encode(file).length;
    const estimate = rowsFromPiece({ start, end: start + bytes.length, bytes, last: false }, size);
    expect(estimate).toBeGreaterThanOrEqual(52_010);
    expect(estimate).toBeLessThanOrEqual(52_010 * 1.1 * 1.05);
  });

  it("counts line feeds inside quoted cells too: an estimate may only be too large", () => {
    const bytes = encoder.encode('1,"a\nb\nc"\n2,"d"\n');
    expect(rowsFromPiece({ start: 0, end: bytes.length, bytes, last: true }, bytes.length)).toBe(5);
  });
});
