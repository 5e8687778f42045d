import { describe, expect, it } from "vitest";
import { field } from "../../../fakes/fixtures/cast-table.ts";
import type { Field } from "../descriptor/types.ts";
import { CAST_FAILED, CELL_FAILED } from "./types.ts";

/**
 * `checkCell` is the validator's per-cell fast path; `cast` then `checkConstraints` is the
 * general one. They must agree on every cell, clean or not, for every kind of field the fast
 * path specialises (text with and without constraints, parsed types, other missing values).
 */
const DESCRIPTORS: (Omit<Field, "name"> & { missingValues?: string[] })[] = [
  { type: "string" },
  { type: "string", constraints: { required: true } },
  { type: "string", constraints: { maxLength: 3 } },
  { type: "string", constraints: { minLength: 2, maxLength: 4 } },
  { type: "string", constraints: { required: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 12 } },
  { type: "string", constraints: { pattern: "\\d{9}" } },
  { type: "string", constraints: { enum: ["sélectionné", "en cours", "terminé", ""] } },
  { type: "string", constraints: { enum: ["a", "b"], required: true } },
  { type: "string", constraints: { enum: Array.from({ length: 20 }, (_, k) => (k === 0 ? "a" : `v${k}`)) } },
  { type: "string", format: "uri" },
  { type: "string", format: "email", constraints: { required: true } },
  { type: "string", categories: ["x", "y"] },
  { type: "string", missingValues: ["", "NA"] },
  { type: "string", missingValues: ["NA"], constraints: { required: true } },
  { type: "string", missingValues: [], constraints: { maxLength: 2 } },
  { type: "any" },
  { type: "any", constraints: { required: true, enum: ["1", "x"] } },
  { type: "number" },
  { type: "number", constraints: { minimum: 0, maximum: 1 } },
  { type: "number", constraints: { required: true, enum: [1, 2.5] } },
  { type: "number", decimalChar: ",", groupChar: " ", constraints: { exclusiveMaximum: 1000 } },
  { type: "integer", constraints: { minimum: 1 } },
  { type: "integer", missingValues: ["-", ""], constraints: { required: true } },
  { type: "date", constraints: { minimum: "2020-01-01" } },
  { type: "date", format: "%d/%m/%Y", constraints: { required: true } },
  { type: "boolean", constraints: { enum: [true] } },
  { type: "object", constraints: { maxLength: 1 } },
  { type: "object", constraints: { maxLength: 2, jsonSchema: { type: "object", required: ["a"] } } },
  { type: "string", constraints: { minLength: 1, maxLength: 4, pattern: "[a-z]+", enum: ["a", "ab", "abcde", "x1"] } },
  { type: "array", constraints: { required: true } },
  { type: "array", arrayItem: { type: "integer", constraints: { minimum: 0 } } },
  { type: "list", constraints: { minLength: 2 } },
];

const CELLS: unknown[] = [
  "", " ", "NA", "-", "a", "ab", "abc", "abcd", "abcde", "été", "😀", "😀😀", "😀😀😀", "\uD800", "\uD800\uD800\uD800", "\uDC00abc",
  "l-0000001", "appel-1054", "Appel-1", "a--b", "-a", "a-", "123456789", "12345678", "1234567890", "sélectionné", "selectionne",
  "en cours", "terminé ", "x", "y", "1", "x1", "0", "0.5", "1.0", "-0", "1e3", "NaN", "INF", "2,5", "1 000,5", "999,99", "1000",
  "2020-01-01", "2019-12-31", "31/12/2019", "true", "false", "{}", '{"a": 1}', '{"a": 1, "b": 2}', "null", "[]", "[1, -2]", "[1, 2]",
  '["a"]', "a,b", "a", "https://ex.invalid/1", "ex.invalid", "mailto:x@ex.invalid", "x@ex.invalid", "x@", null, undefined, 0, 1, 2.5,
  -1, 1500, true, false, 10n, [1, 2], { a: 1 }, new Date(Date.UTC(2021, 0, 2)),
];

/** The general path's verdict: the value, or CELL_FAILED when the cast fails or a constraint breaks. */
function generalPath(compiled: ReturnType<typeof field>, raw: unknown): unknown {
  const value = compiled.cast(raw);
  if (value === CAST_FAILED) return CELL_FAILED;
  return compiled.checkConstraints(value) === undefined ? value : CELL_FAILED;
}

describe("checkCell", () => {
  it("gives the general path's value or failure on every cell, for every kind of field", () => {
    for (const { missingValues, ...descriptor } of DESCRIPTORS) {
      const compiled = field(descriptor, missingValues ?? [""]);
      for (const raw of CELLS) {
        const label = `${JSON.stringify(descriptor)} ${JSON.stringify(missingValues)} ${typeof raw === "string" ? JSON.stringify(raw) : String(raw)}`;
        expect(compiled.checkCell(raw), label).toEqual(generalPath(compiled, raw));
      }
    }
  });

  it("fails a required field's missing cell and a text beyond its maximum, passes what the constraints allow", () => {
    const id = field({ type: "string", constraints: { required: true, maxLength: 3 } });
    expect(id.checkCell("")).toBe(CELL_FAILED);
    expect(id.checkCell("abcd")).toBe(CELL_FAILED);
    expect(id.checkCell("😀😀😀")).toBe("😀😀😀");
    expect(field({ type: "string" }).checkCell("")).toBeNull();
    expect(field({ type: "number", constraints: { maximum: 1 } }).checkCell("0.5")).toBe(0.5);
  });
});

describe("length constraints decided by a text's length", () => {
  it("count code points past the length shortcut, lone surrogates included", () => {
    const max = field({ type: "string", constraints: { maxLength: 2 } });
    expect(max.checkConstraints("😀😀")).toBeUndefined();
    expect(max.checkConstraints("😀😀😀")?.constraint).toBe("maxLength");
    // A lone high surrogate counts for nothing, as before the shortcut.
    expect(max.checkConstraints("\uD800\uD800\uD800a")).toBeUndefined();
    const min = field({ type: "string", constraints: { minLength: 2 } });
    expect(min.checkConstraints("\uD800\uD800")?.constraint).toBe("minLength");
    expect(min.checkConstraints("a")?.constraint).toBe("minLength");
    expect(min.checkConstraints("ab")).toBeUndefined();
  });
});
