import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, createError, validateTable, type Report } from "../frictionless/index.ts";
import { locateValidationErrors, type TableOrigin } from "./locate-errors.ts";

/** The report of a written lauréats table with a bad amount in rows 2 and 4, and a descriptor error. */
async function reportWithErrors(): Promise<Report> {
  const dir = await mkdtemp(join(tmpdir(), "aap-locate-"));
  await writeFile(join(dir, "laureats.csv"), "id,montant\nfictif-1,douze\nfictif-2,12\nfictif-3,treize\n");
  const task = await validateTable({
    name: "laureats",
    path: "laureats.csv",
    schema: { fields: [{ name: "id", type: "string" }, { name: "montant", type: "number" }], missingValues: [""] },
  }, { basePath: dir });
  return buildReport([task], [createError("package-error", { note: "licence inconnue" })], [], 0);
}

describe("locateValidationErrors", () => {
  it("points each error of a written table back at the source row and column it was mapped from", async () => {
    const origins = new Map<string, TableOrigin>([
      [
        "laureats",
        [
          { source: "sources/laureats.csv", rowNumber: 12, mapping: { id: "Identifiant", montant: { column: "Montant (€)", decimalChar: "," } } },
          { source: "sources/laureats.csv", rowNumber: 13, mapping: { id: "Identifiant", montant: "Montant (€)" } },
          { source: "https://exemple.invalid/export.json", rowNumber: 2, mapping: { id: "ref", montant: "amount" } },
        ],
      ],
    ]);
    const located = locateValidationErrors(await reportWithErrors(), origins);
    expect(located.map((error) => error.text)).toEqual([
      expect.stringMatching(/^datapackage\.json: package-error: licence inconnue$/),
      expect.stringMatching(/^laureats\.csv, row 2, field "montant" \(from sources\/laureats\.csv row 12, column "Montant \(€\)"\): type-error: value "douze": /),
      expect.stringMatching(/^laureats\.csv, row 4, field "montant" \(from https:\/\/exemple\.invalid\/export\.json row 2, column "amount"\): type-error: value "treize": /),
    ]);
    expect(located[1]).toMatchObject({ resource: "laureats", type: "type-error", rowNumber: 2, fieldName: "montant", cell: "douze", origin: { source: "sources/laureats.csv", rowNumber: 12, column: "Montant (€)" } });
  });

  it("says only where the error is in the written table when the row's origin is not known", async () => {
    const located = locateValidationErrors(await reportWithErrors(), new Map());
    expect(located[1]?.origin).toBeUndefined();
    expect(located[1]?.text).toMatch(/^laureats\.csv, row 2, field "montant": type-error: value "douze": /);
  });
});
