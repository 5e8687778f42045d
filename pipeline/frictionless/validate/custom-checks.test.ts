import { describe, expect, it } from "vitest";
import { compileSchema } from "../field/index.ts";
import type { CheckRow } from "./check.ts";
import { CustomChecks, fieldPositions, type CheckOutput } from "./custom-checks.ts";

describe("a custom check's view of a row", () => {
  it("reads every field by name, row after row, however many names a check asks for and in any order", () => {
    const names = Array.from({ length: 12 }, (_, k) => `champ_${k}`);
    const compiled = compileSchema({ fields: [...names, names[3] as string].map((name) => ({ name, type: "string" as const })), missingValues: [""] });
    const seen: unknown[][] = [];
    // Asks for names as fresh strings (not the schema's), unknown ones too, in an order that changes per row.
    const check = {
      type: "lecture",
      title: "Lecture",
      description: "Lit des champs.",
      row(row: CheckRow) {
        const order = row.rowNumber % 2 === 0 ? [...names].reverse() : names;
        seen.push([row.rowNumber, ...[...order, "absent", "champ_99"].map((name) => row.get(`${name} `.trim()))]);
        return undefined;
      },
    };
    const outputs: CheckOutput[] = [];
    const columns = compiled.fields.map((_, k) => k);
    const checks = new CustomChecks([{ name: "lecture", params: {}, check }], compiled.fields, columns, fieldPositions(compiled.fields), (output) => outputs.push(output));
    const rows = [2, 3, 4].map((rowNumber) => compiled.fields.map((_, k) => `${rowNumber}:${k}`));
    rows.forEach((values, k) => checks.row(k + 2, values, values));
    const expected = rows.map((values, k) => {
      const order = (k + 2) % 2 === 0 ? [...names].reverse() : names;
      // A duplicate name reads the first field of that name.
      return [k + 2, ...order.map((name) => values[names.indexOf(name)]), undefined, undefined];
    });
    expect(seen).toEqual(expected);
    expect(outputs).toEqual([]);
  });
});
