import { describe, expect, it } from "vitest";
import type { Schema } from "../descriptor/types.ts";
import { flatten } from "../../../fakes/fixtures/flatten-report.ts";
import type { CheckRegistry } from "./check.ts";
import { validateTable } from "./validate-table.ts";

// Rows are checked a batch at a time in two passes (cells first, then keys): the report must
// still be the one of checking each row whole before the next, above all where the error limit
// cuts it. Every table here fits in one batch.

const SCHEMA: Schema = {
  missingValues: [""],
  primaryKey: ["id"],
  fields: [
    { name: "id", type: "string" },
    { name: "montant", type: "number" },
  ],
  custom_checks: [{ name: "montant-rond" }],
};

const checks: CheckRegistry = {
  "montant-rond": () => ({
    type: "montant-rond",
    title: "Montant rond",
    description: "Un montant multiple de 1000, suspect.",
    row: (row) => (typeof row.get("montant") === "number" && (row.get("montant") as number) % 1000 === 0 ? [{ fieldName: "montant", note: "rond" }] : undefined),
  }),
};

// Row 3 repeats row 2's id with a bad amount; rows 4 and 5 have bad amounts; row 6 a round one.
const ROWS = [["id", "montant"], ["l-1", "5"], ["l-1", "abc"], ["l-2", "x"], ["l-3", "y"], ["l-4", "2000"], ["l-4", "7"]];

const validate = (limitErrors: number, limitRows?: number) =>
  validateTable({ name: "laureats", data: ROWS, schema: SCHEMA }, { checks, limitErrors, ...(limitRows ? { limitRows } : {}) });

describe("rows checked a batch at a time", () => {
  it("reports each row's cell errors, then its key errors, then its custom checks' errors, in row order", async () => {
    const task = await validate(0);
    expect(flatten(task)).toEqual([
      [3, 2, "type-error"],
      [3, undefined, "primary-key"],
      [4, 2, "type-error"],
      [5, 2, "type-error"],
      [6, 2, "montant-rond"],
      [7, undefined, "primary-key"],
    ]);
  });

  it("stops at the error limit where checking one row at a time stops: a key error before the next row's cell errors", async () => {
    expect(flatten(await validate(2))).toEqual([
      [3, 2, "type-error"],
      [3, undefined, "primary-key"],
    ]);
    const five = await validate(5);
    expect(flatten(five).at(-1)).toEqual([6, 2, "montant-rond"]);
    expect(five.warnings).toContain("reached error limit: 5");
    // The key error of a row is built from its cells, read again.
    expect((await validate(2)).errors[1]?.note).toBe("the same as in the row at position 2");
  });

  it("stops at the row limit inside a batch", async () => {
    const task = await validate(0, 3);
    expect(task.stats.rows).toBe(3);
    expect(flatten(task)).toEqual([
      [3, 2, "type-error"],
      [3, undefined, "primary-key"],
      [4, 2, "type-error"],
    ]);
    expect(task.warnings).toContain("reached row limit: 3");
  });
});
