import type { Dialect } from "../descriptor/types.ts";
import { inflatedTooLarge } from "./decompress.ts";
import { formatBytes, inflatedLimit, limitError, type ReadLimits } from "./limits.ts";
import { TableReadError } from "./read-error.ts";
import { parseXml, readDateStyles, readRelations, readSharedStrings, readWorkbook, unescapeOoxml } from "./xlsx-parts.ts";
import type { ZipArchive } from "./zip-archive.ts";
import { describeThrown } from "../errors/coded-error.ts";

/** The last row a spreadsheet program can hold (LibreOffice's; Excel stops at 1,048,576): a row numbered beyond is not a spreadsheet's. */
const MAX_ROW = 16_777_216;
/** Rows handed on at a time while the sheet streams. */
const BATCH = 4096;

/** How a workbook that cannot be read is reported. */
export function xlsxFailure(place: string): (note: string) => TableReadError {
  return (note) => new TableReadError("format-error", { place, note: `not a readable XLSX file: ${note}` });
}

/**
 * Records of one XLSX sheet (`dialect.sheetName`, else `dialect.sheetNumber`, default 1),
 * streamed: the sheet's XML is parsed as it is inflated, so memory holds the shared strings
 * and a batch of rows, whatever the sheet's size. Cells: shared and inline strings as strings,
 * numbers as numbers, booleans as booleans, cells styled as dates as UTC `Date`s (1900 or 1904
 * date system, as the workbook says), empty cells as `""`. Rows are padded to the sheet's
 * declared width (`<dimension>`, else the widest row so far) and skipped rows kept as blank
 * records, so row numbers are the spreadsheet's.
 */
export async function* readXlsxRecords(
  open: () => Promise<ZipArchive>,
  options: { dialect: Dialect | undefined; place: string; limits: ReadLimits },
): AsyncGenerator<unknown[][]> {
  const { place, limits } = options;
  const archive = await open();
  try {
    const storedBytes = [...archive.entries.values()].reduce((sum, entry) => sum + entry.compressedSize, 0);
    const limit = inflatedLimit(limits, storedBytes);
    const part = (name: string): AsyncIterable<Uint8Array> =>
      archive.stream(name, limit, (size) => inflatedTooLarge(`the workbook part "${name}" inflates to ${formatBytes(size)} or more`, limits, storedBytes, place));
    const failure = xlsxFailure(place);
    if (!archive.entries.has("xl/workbook.xml")) throw failure('missing part "xl/workbook.xml"');
    const workbook = await readWorkbook(part("xl/workbook.xml"));
    const sheet = pickSheet(workbook.sheets, options.dialect, failure);
    const relations = archive.entries.has("xl/_rels/workbook.xml.rels") ? await readRelations(part("xl/_rels/workbook.xml.rels")) : new Map<string, string>();
    const target = sheet.relationId === undefined ? undefined : relations.get(sheet.relationId);
    const sheetPath = target === undefined ? "xl/worksheets/sheet1.xml" : target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    if (!archive.entries.has(sheetPath)) throw failure(`missing part "${sheetPath}"`);
    const strings = archive.entries.has("xl/sharedStrings.xml") ? await readSharedStrings(part("xl/sharedStrings.xml")) : [];
    const dateStyles = archive.entries.has("xl/styles.xml") ? await readDateStyles(part("xl/styles.xml")) : new Set<number>();
    yield* sheetRecords(part(sheetPath), { strings, dateStyles, date1904: workbook.date1904, limits, place, failure });
  } catch (cause) {
    // The XML parser's own errors: a part that is not well-formed XML.
    if (cause instanceof TableReadError) throw cause;
    throw xlsxFailure(place)(describeThrown(cause).message.split("\n")[0] ?? "");
  } finally {
    archive.close();
  }
}

function pickSheet<T extends { name: string }>(sheets: T[], dialect: Dialect | undefined, failure: (note: string) => TableReadError): T {
  const wanted = dialect?.sheetName !== undefined ? sheets.find((s) => s.name === dialect.sheetName) : sheets[(dialect?.sheetNumber ?? 1) - 1];
  if (wanted !== undefined) return wanted;
  const asked = dialect?.sheetName !== undefined ? `sheet "${dialect.sheetName}"` : `sheet number ${dialect?.sheetNumber ?? 1}`;
  throw failure(`${asked} does not exist; the workbook has ${sheets.map((s) => `"${s.name}"`).join(", ")}`);
}

interface SheetContext {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  limits: ReadLimits;
  place: string;
  failure: (note: string) => TableReadError;
}

async function* sheetRecords(xml: AsyncIterable<Uint8Array>, context: SheetContext): AsyncGenerator<unknown[][]> {
  const { limits, place, failure } = context;
  let out: unknown[][] = [];
  let width = 0;
  let declaredWidth = false;
  let lastRow = 0;
  let cells: unknown[] = [];
  let cell: { column: number; type: string; style: number | undefined } | undefined;
  let text: string | undefined;
  let capturing = false;
  const tooWide = (): TableReadError => limitError("maxColumns", limits.maxColumns, `row ${lastRow + 1} has more than ${limits.maxColumns.toLocaleString("en")} cells`, place);
  const events = parseXml(xml, {
    open(name, attribute) {
      if (name === "dimension") {
        const last = /:([A-Z]+)\d*$/i.exec(attribute("ref") ?? "")?.[1];
        if (last !== undefined) [width, declaredWidth] = [Math.min(columnIndex(last) + 1, limits.maxColumns), true];
      } else if (name === "row") {
        const number = Number(attribute("r") ?? lastRow + 1);
        if (!Number.isInteger(number) || number <= lastRow || number > MAX_ROW) throw failure(`row number "${attribute("r")}" out of order or beyond row ${MAX_ROW.toLocaleString("en")}`);
        // Rows the sheet leaves out are blank rows: row numbers stay the spreadsheet's.
        for (; lastRow < number - 1; lastRow++) out.push(padded([], width));
        cells = [];
      } else if (name === "c") {
        const reference = attribute("r");
        const column = reference === undefined ? cells.length : columnIndex(reference);
        if (column >= limits.maxColumns) throw tooWide();
        const style = attribute("s");
        cell = { column, type: attribute("t") ?? "n", style: style === undefined ? undefined : Number(style) };
        text = undefined;
      } else if ((name === "v" || name === "t") && cell !== undefined) {
        text ??= "";
        capturing = true;
      }
    },
    text(chunk) {
      if (capturing) text += chunk;
    },
    close(name) {
      if (name === "v" || name === "t") capturing = false;
      else if (name === "c" && cell !== undefined) {
        while (cells.length < cell.column) cells.push("");
        cells[cell.column] = cellValue(cell.type, cell.style, text, context);
        cell = undefined;
        text = undefined;
      } else if (name === "row") {
        while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
        if (!declaredWidth) width = Math.max(width, cells.length);
        lastRow++;
        out.push(padded(cells, width));
      }
    },
  });
  for await (const _ of events) {
    if (out.length < BATCH) continue;
    yield out;
    out = [];
  }
  if (out.length > 0) yield out;
}

function padded(cells: unknown[], width: number): unknown[] {
  while (cells.length < width) cells.push("");
  return cells;
}

function cellValue(type: string, style: number | undefined, raw: string | undefined, context: SheetContext): unknown {
  if (raw === undefined || raw === "") return "";
  switch (type) {
    case "inlineStr":
    case "str":
    case "e":
      return unescapeOoxml(raw);
    case "s":
      return context.strings[Number(raw)] ?? "";
    case "b":
      return raw.trim() === "1";
    case "d":
      return new Date(raw.trim());
    default: {
      const value = Number(raw);
      if (style !== undefined && context.dateStyles.has(style)) return serialToDate(value, context.date1904);
      return value;
    }
  }
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as a UTC date. In the 1900 system, Excel counts 29 February 1900, which did not
 * exist: serials before it (below 60) are a day later than the epoch says, as openpyxl reads them.
 */
function serialToDate(serial: number, date1904: boolean): Date {
  const days = !date1904 && serial > 0 && serial < 60 ? serial + 1 : serial;
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(days * DAY_MS));
}

/** `AB12` → 27 (0-based); letters only are read. */
function columnIndex(reference: string): number {
  let index = 0;
  for (const ch of reference.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}
