import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../../fakes/fixtures/temp-folder.ts";
import type { Field } from "../../frictionless/index.ts";
import { xmlText } from "./sheet-row-xml.ts";
import { pendingZipBytes, XlsxTableWriter } from "./xlsx-writer.ts";

/** The oracle: every data row rendered by exceljs itself (Row and Cell objects), as before sheet-row-xml.ts. */
class ExceljsRowsWriter extends XlsxTableWriter {
  protected override writeRow(cells: unknown[]): void {
    this.sheet!.addRow(cells).commit();
  }
}

/** 30 columns (past Z: AA…AD), every type a table has, the date and datetime columns formatted. */
const WIDE_FIELDS = Array.from({ length: 30 }, (_, i) => ({ name: `champ_${i}`, type: ["string", "number", "integer", "date", "datetime", "boolean"][i % 6] })) as Field[];

const AWKWARD_TEXTS = ["", "=1+1", "a < b & c > \"d\" 'e'", "ligne\r\nsuivante\rfin", "tab\tici", "contrôle\u0001\u0008\u000b\u000c\u001f\u007f effacé", "é ü 漢字 😀", "x".repeat(40_000)];
const AWKWARD_NUMBERS = [0, -0, 1, -42.5, 0.1 + 0.2, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER, 125000.5];

/** A row of WIDE_FIELDS from a seed: each kind of value in turn, nulls included, and sometimes a whole empty row. */
function awkwardRow(i: number): Record<string, unknown> {
  if (i % 97 === 13) return {};
  const row: Record<string, unknown> = {};
  WIDE_FIELDS.forEach((field, column) => {
    const k = i * 31 + column;
    if (k % 7 === 0) return;
    if (field.type === "string") row[field.name] = AWKWARD_TEXTS[k % AWKWARD_TEXTS.length];
    else if (field.type === "number" || field.type === "integer") row[field.name] = k % 11 === 0 ? Number.NaN : AWKWARD_NUMBERS[k % AWKWARD_NUMBERS.length];
    else if (field.type === "date") row[field.name] = k % 5 === 0 ? "pas-une-date" : `20${10 + (k % 15)}-0${1 + (k % 9)}-1${k % 10}`;
    else if (field.type === "datetime") row[field.name] = k % 5 === 0 ? "2024-03-15T10:20:30+02:00" : "2024-03-15T10:20:30";
    else row[field.name] = k % 3 === 0 ? BigInt(k) : k % 2 === 0;
  });
  return row;
}

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

  it("writes the same bytes as exceljs rendering every row itself, for every kind of cell", async () => {
    const ours = new XlsxTableWriter(join(dir, "ours.xlsx"), "t", WIDE_FIELDS);
    const theirs = new ExceljsRowsWriter(join(dir, "theirs.xlsx"), "t", WIDE_FIELDS);
    // Past the 200 rows held to size the columns, and past several batches of row XML.
    for (let i = 0; i < 1_500; i++) {
      await ours.add(awkwardRow(i));
      await theirs.add(awkwardRow(i));
    }
    await Promise.all([ours.finish(), theirs.finish()]);
    const [a, b] = await Promise.all([readFile(join(dir, "ours.xlsx")), readFile(join(dir, "theirs.xlsx"))]);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });

  it("writes the same bytes as exceljs for a table shorter than the rows held to size the columns, and for an empty one", async () => {
    for (const rows of [0, 3]) {
      const ours = new XlsxTableWriter(join(dir, `ours-${rows}.xlsx`), "t", WIDE_FIELDS);
      const theirs = new ExceljsRowsWriter(join(dir, `theirs-${rows}.xlsx`), "t", WIDE_FIELDS);
      for (let i = 0; i < rows; i++) {
        await ours.add(awkwardRow(i));
        await theirs.add(awkwardRow(i));
      }
      await Promise.all([ours.finish(), theirs.finish()]);
      expect((await readFile(join(dir, `ours-${rows}.xlsx`))).equals(await readFile(join(dir, `theirs-${rows}.xlsx`)))).toBe(true);
    }
  });
});

describe("sheet-row-xml", () => {
  it("escapes XML's specials and drops the control characters XML 1.0 forbids, keeping tab and line breaks", () => {
    expect(xmlText(`<a href="x">l'été & co</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;l&apos;été &amp; co&lt;/a&gt;");
    expect(xmlText("a\u0000b\u0008c\td\ne\rf\u000bg\u001fh\u007fi")).toBe("abc\td\ne\rfghi");
    expect(xmlText("rien à changer")).toBe("rien à changer");
  });
});
