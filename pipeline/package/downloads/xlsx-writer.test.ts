import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../../fakes/fixtures/temp-folder.ts";
import type { Field } from "../../frictionless/index.ts";
import { pendingZipBytes, XlsxTableWriter } from "./xlsx-writer.ts";

const FIELDS = [
  { name: "code", type: "string" },
  { name: "montant", type: "number" },
  { name: "date_decision", type: "date" },
] as Field[];

/** Synthetic rows, long enough that the sheet's XML outruns its compression. */
function fictiveRow(i: number): Record<string, unknown> {
  return { code: `FICTIF-${i} ${"texte de remplissage fictif ".repeat(8)}`, montant: i * 1.25, date_decision: i % 3 === 0 ? "pas-une-date" : "2024-03-15" };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir("aap-xlsx-")));
afterEach(() => cleanup());

describe("XlsxTableWriter", () => {
  it("keeps at most a chunk of sheet XML waiting for the zip, however many rows come (memory does not grow with the table)", async () => {
    const writer = new XlsxTableWriter(join(dir, "t.xlsx"), "t", FIELDS);
    let most = 0;
    for (let i = 0; i < 20_000; i++) {
      await writer.add(fictiveRow(i));
      most = Math.max(most, pendingZipBytes(writer));
    }
    await writer.finish();
    // One 64 KB chunk of exceljs above the zip input's 16 KB mark; 20,000 such rows are 6 MB of XML.
    expect(most).toBeLessThanOrEqual(80 * 1024);
  });

  it("gives each cell the style of its type on every row: dates formatted, text and numbers not, the header bold", async () => {
    const file = join(dir, "t.xlsx");
    const writer = new XlsxTableWriter(file, "t", FIELDS);
    for (let i = 0; i < 600; i++) await writer.add(fictiveRow(i));
    await writer.finish();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("t")!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    for (const rowNumber of [2, 3, 4, 300, 601]) {
      const row = sheet.getRow(rowNumber);
      expect(row.getCell(1).font?.bold).toBeFalsy();
      expect(row.getCell(1).numFmt).toBeUndefined();
      expect(row.getCell(2).numFmt).toBeUndefined();
      expect(row.getCell(3).numFmt).toBe("yyyy-mm-dd");
      // A text in the date column keeps the column's format and stays text.
      expect(typeof row.getCell(3).value).toBe((rowNumber - 2) % 3 === 0 ? "string" : "object");
    }
  });
});
