import { readFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { decodeWindows1252 } from "../../pipeline/frictionless/index.ts";

/**
 * The bundled package's sources: in the shape a team keeps them, covering what the
 * research notes list, and each row traceable to a public source.
 */
const sources = join(import.meta.dirname, "sources");
const read = (file: string): Record<string, string>[] => {
  const bytes = readFileSync(join(sources, file));
  const text = isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : decodeWindows1252(bytes);
  return parse(text, { delimiter: ";", columns: true }) as Record<string, string>[];
};

describe("bundled sources of aap-transformation-publique", () => {
  it("are spreadsheet exports: appels in UTF-8 with BOM, laureats in windows-1252", () => {
    const appels = readFileSync(join(sources, "appels.csv"));
    expect([...appels.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const laureats = readFileSync(join(sources, "laureats.csv"));
    expect(isUtf8(laureats)).toBe(false);
    expect(Object.keys(read("laureats.csv")[0] ?? {})).toContain("Montant accordé (€)");
  });

  it("cover every France Relance theme of the booklet, and the ITN5 sessions and guichet as their own rows", () => {
    const appels = read("appels.csv");
    const themes = new Set(appels.map((row) => row["Code thème"]));
    for (const code of ["ITN1", "ITN2", "ITN3", "ITN4", "ITN5", "ITN6", "ITN8A", "ITN8B", "ITN8C", "ITN8D", "SNAP1", "SNAP2A", "SNAP2B", "SNAP3", "SNAP4", "SNAP5"]) {
      expect(themes, code).toContain(code);
    }
    const itn5 = appels.filter((row) => row["Appel parent"] === "france-relance-itn5");
    expect(itn5.map((row) => [row.Type, row.Session, row["Dotation (€)"]])).toEqual([
      ["AAP", "1", "6 000 000,00"],
      ["AAP", "2", "6 000 000,00"],
      ["AAP", "3", "7 000 000,00"],
      ["Guichet", "", "4 000 000,00"],
    ]);
  });

  it("give every row a public source and keep bounds and quarters out of amount and date columns", () => {
    const amountColumns = ["Dotation (€)", "Enveloppe (€)", "Montant accordé (€)", "Coût total (€)", "Taille min. projet (€)", "Taille max. projet (€)"];
    const dateColumns = ["Date d'ouverture", "Date de clôture", "Date de décision", "Annonce des lauréats"];
    const countColumns = ["Candidatures", "Administrations candidates", "Ministères candidats", "Projets présélectionnés", "Lauréats annoncés"];
    for (const file of ["programmes.csv", "appels.csv", "laureats.csv"]) {
      for (const row of read(file)) {
        expect(row.Source, `${file} ${JSON.stringify(row)}`).toMatch(/^https:\/\//);
        for (const column of amountColumns) if (row[column]) expect(row[column], `${file} ${column}`).toMatch(/^\d{1,3}( \d{3})*,\d{2}$/);
        for (const column of dateColumns) if (row[column]) expect(row[column], `${file} ${column}`).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        for (const column of countColumns) if (row[column]) expect(row[column], `${file} ${column}`).toMatch(/^\d+$/);
        // A call's results carry their own source, even when it is the row's.
        if ([...countColumns, "Annonce des lauréats"].some((column) => row[column])) expect(row["Source des résultats"], `${file} ${row.Identifiant}`).toMatch(/^https:\/\//);
      }
    }
  });

  it("keep the ITN5 transcription byte for byte, without the columns the page does not give", () => {
    const bytes = readFileSync(join(sources, "itn5_donnees_aap1_laureats_2021-03-03.csv"));
    expect(isUtf8(bytes)).toBe(true);
    const rows = parse(bytes.toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(["appel", "vague", "date_annonce", "categorie", "projet", "description", "porteur"]);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((row) => row.projet)).size).toBe(18);
  });
});
