import { describe, expect, it } from "vitest";
import { field } from "../../../fakes/fixtures/cast-table.ts";
import { spanBatch } from "../../../fakes/fixtures/span-batches.ts";
import type { Field } from "../descriptor/types.ts";
import { spanText } from "../table/span-batch.ts";
import { CELL_TEXT, checkBytes, compileByteCheck, NEEDS_TEXT } from "./byte-check.ts";
import { CELL_FAILED } from "./types.ts";

/**
 * A byte check may decline (`NEEDS_TEXT`), never disagree: whatever it decides on a cell's
 * bytes is what `checkCell` gives on the cell's text, quoted or not, for every kind of field.
 */
const DESCRIPTORS: (Omit<Field, "name"> & { missingValues?: string[] })[] = [
  { type: "string" },
  { type: "string", constraints: { required: true } },
  { type: "string", constraints: { maxLength: 3 } },
  { type: "string", constraints: { minLength: 2, maxLength: 4 } },
  { type: "string", constraints: { required: true, unique: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 12 } },
  { type: "string", constraints: { pattern: "^\\d{9}$" } },
  { type: "string", constraints: { pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?" } },
  { type: "string", constraints: { pattern: "^(0[1-46]|11|24|27|28|32|44|52|53|75|76|84|93|94)$" } },
  { type: "string", constraints: { pattern: "^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-46])$" } },
  { type: "string", constraints: { pattern: "[a-zé]{2}" } },
  { type: "string", constraints: { pattern: "\\w{2}" } },
  // Members with doubled quotes, and a lone surrogate (encoded, it would be the bytes of "\uFFFD").
  { type: "string", constraints: { enum: ['a""b', 'a"b', "\ud800", "ok"] } },
  { type: "boolean", trueValues: ["\udc00", "oui"], falseValues: ["non"] },
  { type: "string", constraints: { enum: ["sélectionné", "en cours", "terminé", "abandonné"] } },
  { type: "string", constraints: { enum: ["a", "b", 1], required: true } },
  { type: "string", constraints: { enum: ["a", "ab", "abcde", "x1"], minLength: 1, maxLength: 4, pattern: "[a-z]+" } },
  { type: "string", format: "uri", constraints: { required: true } },
  { type: "string", format: "email" },
  { type: "string", categories: ["x", "y"] },
  { type: "string", missingValues: ["", "NA"] },
  { type: "any" },
  { type: "any", constraints: { required: true, enum: ["1", "x"] } },
  { type: "number" },
  { type: "number", constraints: { minimum: 0, maximum: 1 } },
  { type: "number", constraints: { maximum: -0.5 } },
  { type: "number", constraints: { minimum: "0.5" } },
  { type: "number", constraints: { required: true, enum: [1, 2.5] } },
  { type: "number", decimalChar: "," },
  { type: "number", decimalChar: ",", groupChar: " " },
  { type: "number", bareNumber: false, constraints: { exclusiveMinimum: 0 } },
  { type: "integer" },
  { type: "integer", constraints: { minimum: 1, maximum: 1000 } },
  { type: "integer", categories: [1, 2] },
  { type: "date" },
  { type: "date", constraints: { required: true, unique: true } },
  { type: "date", constraints: { minimum: "2020-01-01" } },
  { type: "date", format: "%d/%m/%Y" },
  { type: "boolean" },
  { type: "boolean", trueValues: ["oui", "Oui"], falseValues: ["non", "Non"], constraints: { enum: [true] } },
  { type: "datetime" },
  { type: "year" },
];

const CELLS = [
  "", " ", "NA", "a", "ab", "abc", "abcd", "abcde", "été", "😀", "😀😀😀", "é", "éa", "aé",
  "l-0000001", "appel-1054", "Appel-1", "a--b", "-a", "a-", "a-b-", "123456789", "12345678", "1234567890", "12345678é",
  "sélectionné", "selectionne", "en cours", "terminé ", "x", "y", "1", "x1", "0", "00", "0.5", "1.0", "1.", ".5", "-.5", "+.5",
  "-0", "+0", "-0.0", "+1", " 1", "1 ", "01", "1e3", "1E3", "NaN", "INF", "-inf", "2,5", "1 000,5", "999,99", "1000", "1001",
  "123456789012345", "1234567890123456", "0.000000000000001", "9007199254740993", "-", "+", ".", "1.2.3", "1-2",
  "2020-01-01", "2019-12-31", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "0000-01-01", "0001-01-01",
  "2024-1-01", "2024/01/01", "2024-01-01T00:00:00", "31/12/2019", "2024-01-01 ", "２０２４-01-01",
  "true", "false", "True", "TRUE", "oui", "Oui", "non", "vrai",
  "https://ex.invalid/1", "http://ex.invalid/a b", "ex.invalid", "mailto:x@ex.invalid", "x:", "x:y", "1x:y", "https://ex.invalid/é",
  "x@ex.invalid", 'a""b', "\uFFFD", "ok", "x:a\x1fb", "x:a\tb", "x:a\x0eb", 'a"b', '""', '"', "a,b", "a\nb", "2A", "2B", "2C", "971", "975", "84", "05", "01", "9", "97", "9745", "2024-01-01/2024-12-31",
];

/** Cells drawn from the characters that matter to the byte checks, from a fixed seed. */
function generatedCells(count: number): string[] {
  const alphabet = ["0", "1", "5", "9", "-", "+", ".", ",", "e", "a", "z", "A", ":", "/", " ", "é", '"', "2", "0", "-"];
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  return Array.from({ length: count }, () => Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]).join(""));
}

describe("byte checks", () => {
  it("decide on a cell's bytes only what checkCell decides on its text, for every kind of field", () => {
    const cells = [...CELLS, ...generatedCells(1500)];
    let decided = 0;
    for (const { missingValues, ...descriptor } of DESCRIPTORS) {
      const compiled = field(descriptor, missingValues ?? [""]);
      const plan = compileByteCheck(compiled);
      for (const quoteAll of [false, true]) {
        const batch = spanBatch(cells.map((cell) => [cell]), { quoteAll });
        for (let k = 0; k < cells.length; k++) {
          const verdict = checkBytes(plan, batch.bytes, batch.starts[k] as number, batch.ends[k] as number, batch.flags[k] as number);
          if (verdict === NEEDS_TEXT) continue;
          decided++;
          const text = spanText(batch, k);
          const label = `${JSON.stringify(descriptor)} ${JSON.stringify(text)} quoted: ${quoteAll}`;
          expect(verdict === CELL_TEXT ? text : verdict, label).toStrictEqual(compiled.checkCell(text));
        }
      }
    }
    // Many cells are decided on their bytes (the generated ones mostly fail): the comparison above is not empty.
    expect(decided).toBeGreaterThan((cells.length * DESCRIPTORS.length) / 2);
  });

  it("decide the common cells of a lauréats table without text", () => {
    const decide = (descriptor: Omit<Field, "name">, cell: string): unknown => {
      const batch = spanBatch([[cell]]);
      return checkBytes(compileByteCheck(field(descriptor)), batch.bytes, batch.starts[0] as number, batch.ends[0] as number, batch.flags[0] as number);
    };
    const id = { type: "string", constraints: { required: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 100 } } as const;
    expect(decide(id, "l-0000001")).toBe(CELL_TEXT);
    expect(decide(id, "")).toBe(CELL_FAILED);
    expect(decide(id, "L-1")).toBe(NEEDS_TEXT);
    expect(decide({ type: "string", constraints: { maxLength: 5000 } }, "Projet fictif 1, dit \"test\"")).toBe(CELL_TEXT);
    expect(decide({ type: "string", constraints: { enum: ["sélectionné", "en cours"] } }, "sélectionné")).toBe("sélectionné");
    expect(decide({ type: "number", constraints: { minimum: 0 } }, "271081.22")).toBe(271081.22);
    expect(decide({ type: "number", constraints: { minimum: 0 } }, "-1")).toBe(CELL_FAILED);
    expect(decide({ type: "number", constraints: { minimum: 0 } }, "")).toBeNull();
    expect(decide({ type: "number" }, "1e3")).toBe(NEEDS_TEXT);
    expect(decide({ type: "integer" }, "-0")).toBe(0);
    expect(decide({ type: "date" }, "2024-11-19")).toBe(CELL_TEXT);
    expect(decide({ type: "date" }, "2024-02-30")).toBe(NEEDS_TEXT);
    expect(decide({ type: "string", format: "uri", constraints: { required: true } }, "https://ex.invalid/1")).toBe(CELL_TEXT);
    expect(decide({ type: "string", constraints: { pattern: "^(0[1-46]|11|84)$" } }, "84")).toBe(CELL_TEXT);
    expect(decide({ type: "boolean" }, "TRUE")).toBe(true);
    expect(decide({ type: "time" }, "10:00:00")).toBe(NEEDS_TEXT);
  });
});
