import { describe, expect, it } from "vitest";
import { extractedInput, syntheticDeclaration } from "../../fakes/fixtures/build-inputs.ts";
import { SOURCE_ROW_NUMBER } from "../extract/types.ts";
import type { Schema } from "../frictionless/index.ts";
import type { StreamedTable } from "../transform/table.ts";
import { transformExtracted } from "./transform-extracted.ts";

const schema: Schema = { fields: [{ name: "id", type: "string" }, { name: "montant", type: "number" }], missingValues: [""] };
const declaration = syntheticDeclaration("/paquet-fictif", [
  {
    name: "subventions",
    schema: "subventions.json",
    inputs: [
      { source: { connector: "file", path: "tableur.csv" }, mapping: { id: "Identifiant", montant: { column: "Montant (€)", decimalChar: ",", groupChar: " " } } },
      { source: { connector: "file", path: "export.json" }, mapping: { id: "ref", montant: "amount" } },
    ],
  },
  { name: "scdl", schema: "scdl.json", derive: "scdl-subventions" },
]);
const schemas = { subventions: schema, scdl: schema };

describe("transformExtracted", () => {
  it("maps each input with its own mapping, appends the inputs in declaration order, and remembers each row's source row", async () => {
    const { tables, origins, issues } = transformExtracted(declaration, schemas, [
      // Extracted out of order: the declaration's order of inputs wins.
      extractedInput("subventions", 1, "export.json", [{ ref: "fictif-b", amount: "12.5" }]),
      extractedInput("subventions", 0, "tableur.csv", [{ Identifiant: "fictif-a", "Montant (€)": "6 000,50", [SOURCE_ROW_NUMBER]: 7 }]),
    ]);
    // A derived resource has no input: it is not a table of this stage.
    expect(await readTables(tables)).toEqual([{ name: "subventions", schema, rows: [["fictif-b", 12.5], ["fictif-a", 6000.5]] }]);
    expect(issues).toEqual([]);
    expect([0, 1].map((i) => origins.get("subventions")?.at(i)).map((origin) => [origin?.source, origin?.rowNumber])).toEqual([
      ["export.json", 2],
      ["tableur.csv", 7],
    ]);
  });

  it("reports a cell that does not read as its field's type, at its source row, and still gives the table", async () => {
    const { tables, issues } = transformExtracted(declaration, schemas, [
      extractedInput("subventions", 0, "tableur.csv", [
        { Identifiant: "fictif-a", "Montant (€)": "100" },
        { Identifiant: "fictif-c", "Montant (€)": "douze euros" },
      ]),
    ]);
    const [table] = await readTables(tables);
    expect(issues).toEqual([expect.objectContaining({ code: "type-error", source: "tableur.csv", rowNumber: 3, column: "Montant (€)", fieldName: "montant", cell: "douze euros" })]);
    expect(table?.rows).toHaveLength(2);
  });

  it("fails loudly for a resource whose schema was not loaded", async () => {
    expect(() => transformExtracted(declaration, { scdl: schema }, [])).toThrow(/no schema loaded for resource "subventions"/);
  });
});

/** The streamed tables read whole: their origins and issues are complete only then. */
async function readTables(tables: readonly StreamedTable[]): Promise<{ name: string; schema: Schema; rows: unknown[][] }[]> {
  const read = [];
  for (const table of tables) {
    const rows: unknown[][] = [];
    for await (const row of table.rows) rows.push([...row]);
    read.push({ name: table.name, schema: table.schema, rows });
  }
  return read;
}
