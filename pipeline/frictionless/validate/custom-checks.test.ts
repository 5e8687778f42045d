import { describe, expect, it } from "vitest";
import { compileSchema } from "../field/index.ts";
import type { CheckRow } from "./check.ts";
import { CustomChecks, fieldPositions, type CheckOutput } from "./custom-checks.ts";

describe("a custom check's view of a row", () => {
  it("reads every field by name, row after row, however many names a check asks for and in any order", () => {
    // More names than a view remembers the reads of.
    const names = Array.from({ length: 20 }, (_, k) => `champ_${k}`);
    const compiled = compileSchema({ fields: [...names, names[3] as string].map((name) => ({ name, type: "string" as const })), missingValues: [""] });
    const seen: unknown[][] = [];
    // Asks for names as fresh strings (not the schema's), unknown ones too, in an order that
    // changes per row, and on some rows reads two of them again.
    const order = (rowNumber: number): string[] => [...(rowNumber % 2 === 0 ? [...names].reverse() : names), ...(rowNumber % 3 === 0 ? ["champ_5", "champ_1"] : []), "absent", "champ_99"];
    const check = {
      type: "lecture",
      title: "Lecture",
      description: "Lit des champs.",
      row(row: CheckRow) {
        seen.push([row.rowNumber, ...order(row.rowNumber).map((name) => row.get(`${name} `.trim()))]);
        return undefined;
      },
    };
    const outputs: CheckOutput[] = [];
    const columns = compiled.fields.map((_, k) => k);
    const checks = new CustomChecks([{ name: "lecture", params: {}, check }], compiled.fields, columns, fieldPositions(compiled.fields), (output) => outputs.push(output));
    const rows = [2, 3, 4, 5, 6, 7].map((rowNumber) => compiled.fields.map((_, k) => `${rowNumber}:${k}`));
    rows.forEach((values, k) => checks.row(k + 2, values, values));
    // A duplicate name reads the first field of that name; an unknown one, nothing.
    const expected = rows.map((values, k) => [k + 2, ...order(k + 2).map((name) => (names.includes(name) ? values[names.indexOf(name)] : undefined))]);
    expect(seen).toEqual(expected);
    expect(outputs).toEqual([]);
  });

  it("reads a field by its position as by its name, digits too, and nothing past the fields", () => {
    const compiled = compileSchema({ fields: ["siren", "montant", "nom"].map((name) => ({ name, type: "string" as const })), missingValues: [""] });
    const seen: unknown[] = [];
    const digits = new Uint8Array(9);
    const check = {
      type: "position",
      title: "Position",
      description: "Lit des champs par leur position.",
      row(row: CheckRow) {
        seen.push([row.at(0), row.at(1), row.at(2), row.at(3), row.at(-1), row.digitsAt(0, digits), [...digits], row.digitsAt(2, digits), row.digitsAt(7, digits)]);
        return undefined;
      },
    };
    const checks = new CustomChecks([{ name: "position", params: {}, check }], compiled.fields, [0, 1, 2], fieldPositions(compiled.fields), () => undefined);
    const values = ["999000011", "12.5", "Porteur fictif"];
    checks.row(2, values, values);
    expect(seen).toEqual([["999000011", "12.5", "Porteur fictif", undefined, undefined, 9, [9, 9, 9, 0, 0, 0, 0, 1, 1], -1, -1]]);
  });
});
