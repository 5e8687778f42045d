import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Field } from "../../frictionless/index.ts";
import { fitCell, neutraliseFormula } from "./cell-text.ts";
import { fieldsSheetRows } from "./fields-sheet.ts";
import { SheetRowXml, type AddStyleModel } from "./sheet-row-xml.ts";

/** Rows read before the columns are sized: enough to see the data's shape, bounded in memory. */
const SAMPLE_ROWS = 200;
/**
 * Characters of row XML gathered before they go to the sheet's stream: under one of its 64 KB
 * chunks even at 3 bytes a character, so at most one chunk waits for the zip (see zipDrained).
 */
const BATCH_CHARACTERS = 16_000;
const MAX_WIDTH = 60;
const MIN_WIDTH = 8;
/**
 * Every date inside the file (the workbook's own and the zip entries') is this one: the bytes
 * depend on the rows only, so an unchanged table is not uploaded again (docs/decisions.md §6).
 */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

type Record = { [name: string]: unknown };

/**
 * One table as an XLSX workbook, written as rows arrive (exceljs's streaming writer, inline
 * strings: memory does not grow with the table): the rows on a first sheet with a frozen
 * header, numbers and dates typed, then a sheet documenting the fields. The data rows' XML is
 * our own (sheet-row-xml.ts: the same bytes as exceljs's, several times sooner).
 */
export class XlsxTableWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  protected sheet: ExcelJS.Worksheet | undefined;
  private pending: Record[] = [];
  private rowXml: SheetRowXml | undefined;
  private nextRow = 2;
  private batch = "";

  constructor(
    path: string,
    private readonly sheetName: string,
    private readonly fields: readonly Field[],
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    this.workbook.creator = "aap-opendata";
    this.workbook.created = FIXED_DATE;
    this.workbook.modified = FIXED_DATE;
    pinEntryDates(this.workbook);
  }

  /** Resolves once the zip has taken the rows so far: wait for it before the next row, or memory holds the sheet. */
  async add(record: Record): Promise<void> {
    if (this.sheet) {
      this.writeRow(this.cells(record));
      if (this.batch.length >= BATCH_CHARACTERS) await this.flush();
      return;
    }
    this.pending.push(record);
    if (this.pending.length >= SAMPLE_ROWS) this.open();
  }

  async finish(): Promise<void> {
    if (!this.sheet) this.open();
    await this.flush();
    this.sheet!.commit();
    const doc = this.workbook.addWorksheet("Champs", { views: [{ state: "frozen", ySplit: 1 }] });
    doc.columns = [
      { header: "Champ", key: "name", width: 28 },
      { header: "Titre", key: "title", width: 36 },
      { header: "Type", key: "type", width: 22 },
      { header: "Obligatoire", key: "required", width: 12 },
      { header: "Description", key: "description", width: 80 },
      { header: "Valeurs permises", key: "constraints", width: 40 },
    ];
    doc.getRow(1).font = { bold: true };
    for (const row of fieldsSheetRows(this.fields)) doc.addRow(row.map((cell) => neutraliseFormula(fitCell(cell)))).commit();
    doc.commit();
    await this.workbook.commit();
  }

  /** Columns sized on the header and the first rows, then the rows held so far. */
  private open(): void {
    const sheet = this.workbook.addWorksheet(this.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = this.fields.map((field) => ({
      header: field.name,
      key: field.name,
      width: this.widthOf(field),
      ...(field.type === "date" ? { style: { numFmt: "yyyy-mm-dd" } } : field.type === "datetime" ? { style: { numFmt: "yyyy-mm-dd hh:mm:ss" } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    // exceljs writes the header row, and with it the columns and the opening of the sheet's data.
    sheet.getRow(1).commit();
    const styles = (this.workbook as unknown as { styles: { addStyleModel: AddStyleModel } }).styles;
    this.rowXml = new SheetRowXml(
      this.fields.map((_, i) => {
        const column = sheet.getColumn(i + 1);
        return { style: column.style, letter: column.letter };
      }),
      (style, cellType) => styles.addStyleModel(style, cellType),
    );
    this.sheet = sheet;
    for (const record of this.pending) this.writeRow(this.cells(record));
    this.pending = [];
  }

  /** The next data row, onto the batch (a test renders it through exceljs instead, to compare the bytes). */
  protected writeRow(cells: unknown[]): void {
    this.batch += this.rowXml!.render(this.nextRow++, cells);
  }

  /** Hands the batch to the sheet's stream, then waits for the zip to take it. */
  private async flush(): Promise<void> {
    if (this.batch.length > 0) {
      // exceljs's stream copies the text into its chunks at once: the promise it returns says nothing more.
      void (this.sheet as unknown as { stream: { write(text: string): Promise<void> } }).stream.write(this.batch);
      this.batch = "";
    }
    await zipDrained(this.sheet!);
  }

  private widthOf(field: Field): number {
    let longest = field.name.length;
    for (const record of this.pending) longest = Math.max(longest, String(cellValue(field, record[field.name]) ?? "").length);
    if (field.type === "date") longest = Math.max(longest, 10);
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  }

  private cells(record: Record): unknown[] {
    return this.fields.map((field) => cellValue(field, record[field.name]));
  }
}

/** A logical value as the cell a spreadsheet user expects: typed where the schema types it, else text. */
export function cellValue(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (field.type === "date" && /^\d{4}-\d\d-\d\d$/.test(value)) return new Date(`${value}T00:00:00Z`);
    if (field.type === "datetime") {
      // Spreadsheets have no time zone: an instant with an offset is shown in UTC, as the Champs sheet says.
      const instant = /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(value) ? new Date(`${value}Z`) : new Date(value);
      if (!Number.isNaN(instant.getTime())) return instant;
    }
    // A spreadsheet breaks lines in a cell with LF, and XML would turn a lone CR into one anyway.
    return neutraliseFormula(fitCell(value)).replace(/\r\n?/g, "\n");
  }
  return neutraliseFormula(fitCell(JSON.stringify(value)));
}

/**
 * exceljs's streaming writer hands the sheet's XML to the zip's deflate stream 64 KB at a time
 * and never heeds its answer: rows read from a CSV arrive faster than deflate and the disk take
 * them, and the XML not yet compressed piled up in memory (over 400 MB for a million rows).
 * Waiting for the deflate stream to drain ties the reading of rows to the writing of the file.
 * Throws if an upgrade of exceljs moves this seam (the tests then fail rather than the bound).
 */
async function zipDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  for (const pipe of zipInputs(sheet)) if (pipe._writableState.needDrain) await once(pipe, "drain");
}

/** archiver's streams come from readable-stream 2, without `writableNeedDrain`: its state says the same. */
type ZipInput = Writable & { _writableState: { needDrain: boolean; length: number } };

function zipInputs(sheet: ExcelJS.Worksheet): ZipInput[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes;
  if (!Array.isArray(pipes) || pipes.some((pipe) => typeof pipe._writableState?.length !== "number")) {
    throw new Error("exceljs's worksheet writer or archiver changed: see zipDrained in xlsx-writer.ts");
  }
  return pipes;
}

/** The bytes of sheet XML handed to the zip and not yet compressed (tests: the bound above). */
export function pendingZipBytes(writer: XlsxTableWriter): number {
  const sheet = (writer as unknown as { sheet?: ExcelJS.Worksheet }).sheet;
  return sheet ? zipInputs(sheet).reduce((sum, pipe) => sum + pipe._writableState.length, 0) : 0;
}

/**
 * exceljs's zip (archiver) stamps each entry with the time it was appended, and the workbook
 * appends its theme before we can pass any option: every entry is given FIXED_DATE when the
 * archive writes it, which is after the constructor, so none escapes. The determinism test in
 * write-downloads.test.ts fails if an upgrade of exceljs or archiver moves this seam.
 */
function pinEntryDates(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  type Append = (source: unknown, data: object, callback: unknown) => unknown;
  const zip = (workbook as unknown as { zip: { _moduleAppend: Append } }).zip;
  const append = zip._moduleAppend.bind(zip);
  zip._moduleAppend = (source, data, callback) => append(source, { ...data, date: FIXED_DATE }, callback);
}
