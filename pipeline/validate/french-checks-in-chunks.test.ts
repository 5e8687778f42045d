import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stripTimings, validatePackage, type Package, type Report, type Schema } from "../frictionless/index.ts";
import { folderWith } from "../../fakes/fixtures/temp-folder.ts";
import { FRENCH_CHECKS } from "./registry.ts";

// Our schemas' French checks reach the validator's worker threads through the module
// FRENCH_CHECKS names: a big lauréats table keeps its chunks, and its report is the row-by-row one.

const LAUREATS = JSON.parse(readFileSync(join(import.meta.dirname, "../../schemas/laureats/schema.json"), "utf8")) as Schema;
const APPELS: Schema = { fields: [{ name: "id", type: "string" }, { name: "date_ouverture", type: "date" }], primaryKey: ["id"], missingValues: [""] };
const HEADER = LAUREATS.fields.map((field) => field.name);

/** Synthetic lauréats with a wrong SIREN or SIRET key, an amount above the cost, a wrong rate or a decision before the call's opening every few rows. */
function laureatsCsv(rows: number): string {
  const lines = [HEADER.join(",")];
  for (let n = 1; n <= rows; n++) {
    const cost = 1000 * n;
    const amount = n % 11 === 0 ? cost + 1 : cost / 2;
    const row: Record<string, string> = {
      id: `l-${n}`,
      appel_id: `appel-${1 + (n % 2)}`,
      titre: `Projet fictif ${n}`,
      siren_porteur: n % 7 === 0 ? "130025266" : "130025265",
      // A wrong key, La Poste's rule (not Luhn), a quoted valid one (its bytes read between the quotes), a valid one.
      siret_porteur: n % 3 === 0 ? "13002526500014" : n % 4 === 0 ? "35600000000010" : n % 5 === 0 ? '"13002526500013"' : "13002526500013",
      cout_total: String(cost),
      montant_accorde: String(amount),
      taux_cofinancement: n % 13 === 0 ? "0.9" : String(amount / cost),
      date_decision: n % 5 === 0 ? "2020-01-15" : "2022-01-15",
      url_source: `https://exemple.invalid/${n}`,
    };
    lines.push(HEADER.map((name) => row[name] ?? "").join(","));
  }
  return `${lines.join("\n")}\n`;
}

async function bothWays(): Promise<{ sequential: Report; chunked: Report }> {
  const dir = await folderWith({ "appels.csv": "id,date_ouverture\nappel-1,2021-01-01\nappel-2,2019-01-01\n", "laureats.csv": laureatsCsv(120) });
  const pkg: Package = {
    resources: [
      { name: "appels", path: "appels.csv", schema: APPELS },
      { name: "laureats", path: "laureats.csv", schema: LAUREATS },
    ],
  };
  const options = { ...FRENCH_CHECKS, basePath: dir };
  const sequential = stripTimings(await validatePackage(pkg, { ...options, parallel: false, spans: false }));
  const chunked = stripTimings(await validatePackage(pkg, { ...options, parallel: { threads: 2, minBytes: 0, chunkBytes: 200 } }));
  return { sequential, chunked };
}

describe("the French checks on the validator's worker threads", () => {
  it("report every kind of finding as row by row, the calls read from the package", async () => {
    const { sequential, chunked } = await bothWays();
    const types = new Set(sequential.tasks[1]?.errors.map((error) => error.type));
    expect([...types].sort()).toEqual(["amount-not-above-cost", "constraint-error", "decision-date-in-call-window", "french-siren-value", "french-siret-value", "rate-matches-amounts"]);
    // Every third row's SIRET, and no other: La Poste's and the quoted ones pass.
    const siret = sequential.tasks[1]?.errors.filter((error) => error.type === "french-siret-value").map((error) => error.rowNumber);
    expect(siret).toEqual(Array.from({ length: 40 }, (_, k) => 3 * (k + 1) + 1));
    expect(sequential.tasks[1]?.errors.find((error) => error.type === "decision-date-in-call-window")?.rowNumber).toBe(11);
    expect(chunked).toEqual(sequential);
  });
});
