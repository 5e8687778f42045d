import { describe, expect, it } from "vitest";
import type { Schema } from "../frictionless/index.ts";
import { mapRecords } from "./map-records.ts";

const schema: Schema = {
  missingValues: [""],
  fields: [
    { name: "id", type: "string" },
    { name: "programme", type: "string" },
    { name: "date_ouverture", type: "date" },
    { name: "dotation", type: "number" },
    { name: "siren", type: "string" },
    { name: "statut", type: "string", constraints: { enum: ["en cours", "terminé"] } },
    { name: "cofinance", type: "boolean" },
    { name: "commentaire", type: "string" },
  ],
};

const mapping = {
  id: "Identifiant",
  programme: { value: "Programme fictif" },
  date_ouverture: { column: "Date d'ouverture", format: "%d/%m/%Y" },
  dotation: { column: "Dotation (€)", decimalChar: ",", groupChar: " " },
  siren: { column: "SIREN", normalize: ["digits" as const] },
  statut: { column: "Statut", values: { "En cours": "en cours", Terminé: "terminé" } },
  cofinance: { column: "Cofinancé", trueValues: ["Oui"], falseValues: ["Non"] },
};

describe("mapRecords", () => {
  it("reads each source the way it writes its values: French dates, decimal commas, spaced identifiers, recoded labels", async () => {
    const records = [
      { Identifiant: " appel-fictif-1 ", "Date d'ouverture": "16/11/2020", "Dotation (€)": "6 000 000,50", SIREN: "000 000 001", Statut: "En cours", Cofinancé: "Oui", __rowNumber: 2 },
      { Identifiant: "appel-fictif-2", "Date d'ouverture": "", "Dotation (€)": "", SIREN: "", Statut: "Terminé", Cofinancé: "Non", __rowNumber: 4 },
    ];
    const mapped = await mapRecords(records, { schema, mapping, source: "sources/appels.csv", rowNumberOf: (r) => r.__rowNumber as number });
    expect(mapped.issues).toEqual([]);
    expect(mapped.rows).toEqual([
      ["appel-fictif-1", "Programme fictif", "2020-11-16", 6000000.5, "000000001", "en cours", true, null],
      ["appel-fictif-2", "Programme fictif", null, null, null, "terminé", false, null],
    ]);
    expect(mapped.sourceRows).toEqual([2, 4]);
  });

  it("reads native values from XLSX or JSON sources as they are", async () => {
    const mapped = await mapRecords([{ Identifiant: "x", "Date d'ouverture": new Date(Date.UTC(2021, 0, 18)), "Dotation (€)": 4000000, SIREN: "1", Statut: "En cours", Cofinancé: true }], {
      schema,
      mapping: { ...mapping, date_ouverture: "Date d'ouverture", dotation: "Dotation (€)", cofinance: "Cofinancé" },
      source: "sources/appels.xlsx",
    });
    expect(mapped.issues).toEqual([]);
    expect(mapped.rows[0]?.slice(2, 4)).toEqual(["2021-01-18", 4000000]);
  });

  it("reports a cell that cannot be read with its source, row, column, field and rule", async () => {
    const mapped = await mapRecords([{ Identifiant: "a", "Date d'ouverture": "31/02/2021", "Dotation (€)": "6.000.000", SIREN: "", Statut: "", Cofinancé: "peut-être" }], {
      schema,
      mapping,
      source: "sources/appels.csv",
    });
    expect(mapped.issues.map((i) => [i.code, i.rowNumber, i.column, i.fieldName, i.cell])).toEqual([
      ["type-error", 2, "Date d'ouverture", "date_ouverture", "31/02/2021"],
      ["type-error", 2, "Dotation (€)", "dotation", "6.000.000"],
      ["type-error", 2, "Cofinancé", "cofinance", "peut-être"],
    ]);
    expect(mapped.issues[0]?.message).toMatch(/^sources\/appels\.csv row 2, column "Date d'ouverture" → field "date_ouverture": "31\/02\/2021" cannot be read \(type is "date\/%d\/%m\/%Y"/);
    expect(mapped.issues[1]?.message).toContain('decimalChar ","');
  });

  it("reports a mapped column that no record has", async () => {
    const mapped = await mapRecords([{ Identifiant: "a" }], { schema, mapping: { id: "Identifiant", dotation: "Montant" }, source: "sources/appels.csv" });
    expect(mapped.issues).toEqual([expect.objectContaining({ code: "missing-column", column: "Montant", fieldName: "dotation" })]);
  });

  it("extracts the part of a cell a pattern names, and leaves the field empty where the pattern does not match", async () => {
    const mapped = await mapRecords(
      [{ porteur: "DIRECTION FICTIVE DU MINISTÈRE DES ESSAIS" }, { porteur: "AGENCE FICTIVE" }, { porteur: "MINISTÈRE FICTIF " }, { porteur: "" }],
      {
        schema: { missingValues: [""], fields: [{ name: "ministere", type: "string" }, { name: "sigle", type: "string" }] },
        mapping: {
          ministere: { column: "porteur", extract: "(MINISTÈRES? .+)$" },
          sigle: { column: "porteur", extract: "^AGENCE", values: { AGENCE: "agence" } },
        },
        source: "sources/fictif.csv",
      },
    );
    expect(mapped.issues).toEqual([]);
    expect(mapped.rows).toEqual([
      ["MINISTÈRE DES ESSAIS", null],
      [null, "agence"],
      ["MINISTÈRE FICTIF", null],
      [null, null],
    ]);
  });

  it("follows dotted paths into nested JSON records when no column has the dotted name", async () => {
    const mapped = await mapRecords([{ demandeur: { siret: "00000000100011" }, "a.b": "x" }], {
      schema: { missingValues: [""], fields: [{ name: "siret", type: "string" }, { name: "ab", type: "string" }] },
      mapping: { siret: "demandeur.siret", ab: "a.b" },
      source: "démarche 1",
    });
    expect(mapped.rows).toEqual([["00000000100011", "x"]]);
  });
});
