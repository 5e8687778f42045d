import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { openTable } from "./open-table.ts";
import { TableReadError } from "./read-error.ts";
import { makeXlsx, makeZip } from "../../../fakes/fixtures/make-xlsx.ts";
import type { TableSource } from "./types.ts";

async function readAll(source: TableSource): Promise<{ labels: string[]; rows: [number, unknown[]][]; batches: number }> {
  const table = await openTable(source);
  const rows: [number, unknown[]][] = [];
  let batches = 0;
  for await (const batch of table.batches) {
    batches++;
    for (const row of batch) rows.push([row.rowNumber, row.cells]);
  }
  return { labels: table.labels, rows, batches };
}

/** Reads the table through (keeping no row: a bomb has millions) to the error it ends with. */
async function readError(source: TableSource): Promise<TableReadError> {
  try {
    const table = await openTable(source);
    for await (const batch of table.batches) void batch;
  } catch (error) {
    if (error instanceof TableReadError) return error;
    throw error;
  }
  throw new Error("expected a TableReadError");
}

/** A ZIP archive written by yazl, a library of its own (ZIP64 records when asked). */
function yazlZip(files: Record<string, Uint8Array>, zip64 = false): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(Buffer.from(bytes), name, { forceZip64Format: zip64 });
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on("data", (part: Buffer) => parts.push(part));
    zip.outputStream.on("end", () => resolve(Buffer.concat(parts)));
    zip.outputStream.on("error", reject);
  });
}

const CSV = Buffer.from("id,nom\n1,Projet fictif A\n2,Projet fictif B\n");

describe("compressed tables", () => {
  it("reads a ZIP64 archive's entry as a stream", async () => {
    const archive = await yazlZip({ "lisez-moi.txt": Buffer.from("notes"), "laureats.csv": CSV }, true);
    const { labels, rows } = await readAll({ bytes: archive, compression: "zip", innerpath: "laureats.csv" });
    expect(labels).toEqual(["id", "nom"]);
    expect(rows).toEqual([[2, ["1", "Projet fictif A"]], [3, ["2", "Projet fictif B"]]]);
  });

  it("refuses a zip bomb from its declared size, and a .gz one as it inflates, naming the limit and its option", async () => {
    // Rows of zeros: a bomb that reads as a table, so that only its size can stop it.
    const bomb = Buffer.alloc(101_000_000, "0,0\n");
    const zipped = await yazlZip({ "bombe.csv": Buffer.concat([Buffer.from("id\n"), bomb]) });
    expect(zipped.length).toBeLessThan(1_000_000);
    for (const source of [{ bytes: zipped, compression: "zip" }, { bytes: gzipSync(Buffer.concat([Buffer.from("id\n"), bomb])), compression: "gz" }]) {
      const error = await readError(source);
      expect(error.code).toBe("source-error");
      expect(error.error.note).toMatch(/a zip bomb\? The inflated size limit is reached \(100 times the [\d.]+ kB stored, at least 100 MB\): the limit is 100 MB; if the file is right, raise it with --max-inflated-size$/);
    }
  });

  it("takes a limit set by the caller", async () => {
    const limits = { maxInflatedBytes: 20 };
    expect((await readError({ bytes: makeZip({ "laureats.csv": CSV.toString() }), compression: "zip", limits })).error.note).toContain("the limit is 20 bytes");
    expect((await readError({ bytes: gzipSync(CSV), compression: "gz", limits })).error.note).toContain("the limit is 20 bytes");
    expect((await readAll({ bytes: gzipSync(CSV), compression: "gz", limits: { maxInflatedBytes: 1000 } })).rows).toHaveLength(2);
    expect((await readError({ bytes: CSV, limits: { maxFileBytes: 10 } })).error.note).toBe("the file is 43 bytes: the limit is 10 bytes; if the file is right, raise it with --max-file-size");
  });

  it("reports a damaged archive as compression-error", async () => {
    const archive = Buffer.from(makeZip({ "laureats.csv": CSV.toString() }));
    expect((await readError({ bytes: archive.subarray(0, archive.length - 30), compression: "zip" })).code).toBe("compression-error");
    expect((await readError({ bytes: CSV, compression: "zip" })).code).toBe("compression-error");
    expect((await readError({ bytes: makeZip({ "dossier/": "" }), compression: "zip" })).error.note).toBe("the archive is empty");
  });
});

describe("JSON tables", () => {
  it("reads a JSON table whole only up to 64 MB of text, and stops at an NDJSON line longer than a cell may be", async () => {
    const big = Buffer.from(`[["id"],${'["identifiant fictif"],'.repeat(3_000_000)}["fin"]]`);
    expect((await readError({ bytes: big, format: "json" })).error.note).toBe(
      "a JSON table is parsed whole, and this one is longer than 64 MB of text: write it as NDJSON (one row a line), which is read as a stream",
    );
    const ndjson = Buffer.from(`["id"]\n["${"x".repeat(100)}"]\n`);
    expect((await readError({ bytes: ndjson, format: "ndjson", limits: { maxCellChars: 50 } })).error.note).toBe(
      "line 2 is longer than a cell may be: the limit is 50 characters; if the file is right, raise it with --max-cell-size",
    );
  });
});

describe("XLSX read with an XML parser, as a stream", () => {
  const sheet: Parameters<typeof makeXlsx>[0] = {
    Laureats: [
      ["id", "date_decision", "commentaire"],
      ["l-1", new Date(Date.UTC(2024, 2, 15)), { inline: "texte & <balises>" }],
      ["l-2", null, "Projet fictif"],
    ],
  };
  const expected = [
    [2, ["l-1", new Date(Date.UTC(2024, 2, 15)), "texte & <balises>"]],
    [3, ["l-2", "", "Projet fictif"]],
  ];

  it("reads a workbook whose XML uses a namespace prefix (<x:row>): it was 'sheet number 1 does not exist'", async () => {
    const { labels, rows } = await readAll({ bytes: makeXlsx(sheet, { prefix: "x" }), format: "xlsx" });
    expect(labels).toEqual(["id", "date_decision", "commentaire"]);
    expect(rows).toEqual(expected);
  });

  it("reads dates in the 1904 date system", async () => {
    expect((await readAll({ bytes: makeXlsx(sheet, { date1904: true }), format: "xlsx" })).rows).toEqual(expected);
  });

  const part = (xml: string): Record<string, string> => ({
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="F" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/feuille.xml"/></Relationships>',
    "xl/styles.xml": '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    "xl/worksheets/feuille.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${xml}</worksheet>`,
  });

  it("pads rows to the declared dimension, keeps skipped rows, reads empty, formula and early 1900 date cells", async () => {
    const xml = `<dimension ref="A1:D4"/><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><r><t>i</t></r><r><t>d</t></r></is></c></row>
      <row r="3">
        <c r="A3" s="1"><v>1</v></c>
        <c r="B3"><v/></c>
        <c r="C3" t="str"><f>A3&amp;"x"</f><v>1x</v></c>
      </row>
    </sheetData>`;
    const { labels, rows } = await readAll({ bytes: makeZip(part(xml)), format: "xlsx" });
    expect(labels).toEqual(["id", "", "", ""]);
    expect(rows).toEqual([
      [2, ["", "", "", ""]],
      [3, [new Date(Date.UTC(1900, 0, 1)), "", "1x", ""]],
    ]);
  });

  it("stops at a cell beyond the column limit, and at XML that is not well-formed", async () => {
    const wide = await readError({ bytes: makeZip(part('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="ZZZZ1"><v>2</v></c></row></sheetData>')), format: "xlsx", limits: { maxColumns: 1000 } });
    expect(wide.error.note).toBe("row 1 has more than 1,000 cells: the limit is 1,000 columns; if the file is right, raise it with --max-columns");
    const broken = await readError({ bytes: makeZip(part('<sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData>')), format: "xlsx" });
    expect(broken.code).toBe("format-error");
  });

  it("hands the rows on in batches as the sheet inflates, not all at the end", async () => {
    const rows = Array.from({ length: 20_000 }, (_, k) => [k, `Projet fictif ${k}`]);
    const { rows: read, batches } = await readAll({ bytes: makeXlsx({ F: [["id", "nom"], ...rows] }), format: "xlsx" });
    expect(read).toHaveLength(20_000);
    expect(batches).toBeGreaterThan(2);
  });
});
