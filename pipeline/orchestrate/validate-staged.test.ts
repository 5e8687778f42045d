import { beforeAll, describe, expect, it } from "vitest";
import { bundledBuildInputs, stagedBundle, type BuildInputs } from "../../fakes/fixtures/build-inputs.ts";
import type { Table } from "../transform/table.ts";
import { validateStaged } from "./validate-staged.ts";

/** Sets a cell of a table's row, by field name. */
function setCell(tables: Table[], name: string, row: number, field: string, value: unknown): void {
  const table = tables.find((t) => t.name === name) as Table;
  (table.rows[row] as unknown[])[table.schema.fields.findIndex((f) => f.name === field)] = value;
}

describe("validateStaged", () => {
  let inputs: BuildInputs;
  beforeAll(async () => {
    inputs = await bundledBuildInputs();
  });

  it("finds the bundled package valid, every table read from the staged files", async () => {
    const { staged } = await stagedBundle(inputs);
    const { report, invalidRows } = await validateStaged(staged.dir);
    expect(report.errors).toEqual([]);
    expect(report.tasks.flatMap((task) => task.errors)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.tasks.filter((task) => task.type === "table").map((task) => task.name).sort()).toEqual(inputs.declaration.resources.map((resource) => resource.name).sort());
    expect(invalidRows).toBe(0);
  });

  it("reports Table Schema and French check errors, and counts each row that holds one once", async () => {
    const { staged } = await stagedBundle(inputs, (tables) => {
      // Two errors in one lauréat row (a required title, a SIREN whose check digit is wrong), one in a call row.
      setCell(tables, "laureats", 0, "titre", null);
      setCell(tables, "laureats", 0, "siren_porteur", "130025266");
      setCell(tables, "appels", 1, "titre", null);
    });
    const { report, invalidRows } = await validateStaged(staged.dir);
    expect(report.valid).toBe(false);
    const errors = report.tasks.flatMap((task) => task.errors.map((error) => [task.name, error.rowNumber, error.type]));
    expect(errors).toEqual(
      expect.arrayContaining([
        ["laureats", 2, "constraint-error"],
        ["laureats", 2, "french-siren-value"],
        ["appels", 3, "constraint-error"],
      ]),
    );
    expect(invalidRows).toBe(2);
  });
});
