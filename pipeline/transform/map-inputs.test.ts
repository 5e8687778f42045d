import { describe, expect, it } from "vitest";
import type { Schema } from "../frictionless/index.ts";
import { mapInputs } from "./map-inputs.ts";

const schema: Schema = {
  missingValues: [""],
  fields: [
    { name: "id", type: "string" },
    { name: "montant", type: "number" },
    { name: "statut", type: "string" },
  ],
};

describe("mapInputs", () => {
  it("appends the rows of every source in declaration order, each read with its own mapping, and remembers where each row came from", async () => {
    const team = { Réf: "laureat-fictif-1", "Montant (€)": "1 250 000,00", __rowNumber: 2 };
    const transcription = [{ projet: "Projet fictif B" }, { projet: "Projet fictif C" }];
    const teamMapping = { id: "Réf", montant: { column: "Montant (€)", decimalChar: ",", groupChar: " " } };
    const pageMapping = { id: { column: "projet", values: { "Projet fictif B": "laureat-fictif-2", "Projet fictif C": "laureat-fictif-3" } }, statut: { value: "sélectionné" } };
    const mapped = await mapInputs(schema, [
      { source: "sources/laureats.csv", records: [team], mapping: teamMapping, rowNumberOf: (record) => record.__rowNumber as number },
      { source: "sources/transcription.csv", records: transcription, mapping: pageMapping },
    ]);
    expect(mapped.issues).toEqual([]);
    expect(mapped.rows).toEqual([
      ["laureat-fictif-1", 1250000, null],
      ["laureat-fictif-2", null, "sélectionné"],
      ["laureat-fictif-3", null, "sélectionné"],
    ]);
    expect(mapped.origins.map((origin) => [origin.source, origin.rowNumber, origin.mapping])).toEqual([
      ["sources/laureats.csv", 2, teamMapping],
      ["sources/transcription.csv", 2, pageMapping],
      ["sources/transcription.csv", 3, pageMapping],
    ]);
  });

  it("reports each source's own problems under its own name", async () => {
    const mapped = await mapInputs(schema, [
      { source: "sources/a.csv", records: [{ Réf: "x", Montant: "beaucoup" }], mapping: { id: "Réf", montant: "Montant" } },
      { source: "sources/b.csv", records: [{ projet: "y" }], mapping: { id: "projet", statut: "Statut" } },
    ]);
    expect(mapped.issues.map((issue) => [issue.code, issue.source, issue.column])).toEqual([
      ["type-error", "sources/a.csv", "Montant"],
      ["missing-column", "sources/b.csv", "Statut"],
    ]);
    expect(mapped.rows).toHaveLength(2);
  });
});
