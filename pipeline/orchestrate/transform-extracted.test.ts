import { describe, expect, it } from "vitest";
import { extractedInput, syntheticDeclaration } from "../../fakes/fixtures/build-inputs.ts";
import { SOURCE_ROW_NUMBER } from "../extract/types.ts";
import type { Schema } from "../frictionless/index.ts";
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
    const { tables, origins, issues } = await transformExtracted(declaration, schemas, [
      // Extracted out of order: the declaration's order of inputs wins.
      extractedInput("subventions", 1, "export.json", [{ ref: "fictif-b", amount: "12.5" }]),
      extractedInput("subventions", 0, "tableur.csv", [{ Identifiant: "fictif-a", "Montant (€)": "6 000,50", [SOURCE_ROW_NUMBER]: 7 }]),
    ]);
    expect(issues).toEqual([]);
    // A derived resource has no input: it is not a table of this stage.
    expect(tables).toEqual([{ name: "subventions", schema, rows: [["fictif-b", 12.5], ["fictif-a", 6000.5]] }]);
    expect(origins.get("subventions")?.map(({ source, rowNumber }) => [source, rowNumber])).toEqual([
      ["export.json", 2],
      ["tableur.csv", 7],
    ]);
  });

  it("reports a cell that does not read as its field's type, at its source row, and still gives the table", async () => {
    const { tables, issues } = await transformExtracted(declaration, schemas, [
      extractedInput("subventions", 0, "tableur.csv", [
        { Identifiant: "fictif-a", "Montant (€)": "100" },
        { Identifiant: "fictif-c", "Montant (€)": "douze euros" },
      ]),
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: "type-error", source: "tableur.csv", rowNumber: 3, column: "Montant (€)", fieldName: "montant", cell: "douze euros" })]);
    expect(tables[0]?.rows).toHaveLength(2);
  });

  it("fails loudly for a resource whose schema was not loaded", async () => {
    await expect(transformExtracted(declaration, { scdl: schema }, [])).rejects.toThrow(/no schema loaded for resource "subventions"/);
  });
});
