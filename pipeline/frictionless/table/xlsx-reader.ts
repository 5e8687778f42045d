import type { Dialect } from "../descriptor/types.ts";
import { batched } from "./batched.ts";
import { TableReadError } from "./read-error.ts";
import { readZip, ZipFormatError, type ZipEntries } from "./zip.ts";

/**
 * Records of one XLSX sheet (`dialect.sheetName`, else `dialect.sheetNumber`, default 1).
 * Cells: shared and inline strings as strings, numbers as numbers, booleans as booleans,
 * cells styled as dates as UTC `Date`s, empty cells as `""`. Rows are padded to the sheet's
 * width and skipped rows kept as blank records, so row numbers are the spreadsheet's.
 */
export async function* readXlsxRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: { dialect: Dialect | undefined; place: string },
): AsyncGenerator<unknown[][]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const bytes = Buffer.concat(parts);
  let records: unknown[][];
  try {
    records = sheetRecords(readZip(bytes), options.dialect);
  } catch (cause) {
    if (cause instanceof ZipFormatError || cause instanceof XlsxFormatError) {
      throw new TableReadError("format-error", { place: options.place, note: `not a readable XLSX file: ${cause.message}` });
    }
    throw cause;
  }
  yield* batched(records);
}

class XlsxFormatError extends Error {}

function sheetRecords(zip: ZipEntries, dialect: Dialect | undefined): unknown[][] {
  const workbook = text(zip, "xl/workbook.xml");
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => attributes(m[1] as string));
  const wanted =
    dialect?.sheetName !== undefined
      ? sheets.find((s) => s.name === dialect.sheetName)
      : sheets[(dialect?.sheetNumber ?? 1) - 1];
  if (wanted === undefined) {
    const names = sheets.map((s) => `"${s.name}"`).join(", ");
    const asked = dialect?.sheetName !== undefined ? `sheet "${dialect.sheetName}"` : `sheet number ${dialect?.sheetNumber ?? 1}`;
    throw new XlsxFormatError(`${asked} does not exist; the workbook has ${names}`);
  }
  const relations = zip.has("xl/_rels/workbook.xml.rels") ? text(zip, "xl/_rels/workbook.xml.rels") : "";
  const relationId = wanted["r:id"];
  const target = [...relations.matchAll(/<Relationship\b([^>]*)\/?>/g)]
    .map((m) => attributes(m[1] as string))
    .find((r) => r.Id === relationId)?.Target;
  const sheetPath = target === undefined ? "xl/worksheets/sheet1.xml" : target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const strings = zip.has("xl/sharedStrings.xml") ? sharedStrings(text(zip, "xl/sharedStrings.xml")) : [];
  const dateStyles = zip.has("xl/styles.xml") ? dateStyleIndexes(text(zip, "xl/styles.xml")) : new Set<number>();
  return parseSheet(text(zip, sheetPath), strings, dateStyles, date1904);
}

function text(zip: ZipEntries, name: string): string {
  const entry = zip.get(name);
  if (entry === undefined) throw new XlsxFormatError(`missing part "${name}"`);
  return new TextDecoder().decode(entry());
}

function parseSheet(xml: string, strings: string[], dateStyles: Set<number>, date1904: boolean): unknown[][] {
  const rows: unknown[][] = [];
  let width = 0;
  for (const rowMatch of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(attributes(rowMatch[1] as string).r ?? rows.length + 1);
    while (rows.length < rowNumber - 1) rows.push([]);
    const cells: unknown[] = [];
    for (const cellMatch of (rowMatch[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = attributes(cellMatch[1] as string);
      const column = attrs.r === undefined ? cells.length : columnIndex(attrs.r);
      while (cells.length < column) cells.push("");
      cells.push(cellValue(attrs, cellMatch[2] ?? "", strings, dateStyles, date1904));
    }
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    width = Math.max(width, cells.length);
    rows.push(cells);
  }
  for (const cells of rows) while (cells.length < width) cells.push("");
  return rows;
}

function cellValue(attrs: Record<string, string>, inner: string, strings: string[], dateStyles: Set<number>, date1904: boolean): unknown {
  const type = attrs.t ?? "n";
  if (type === "inlineStr") return richText(inner);
  const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (raw === undefined) return "";
  switch (type) {
    case "s":
      return strings[Number(raw)] ?? "";
    case "b":
      return raw === "1";
    case "str":
    case "e":
      return unescapeXml(raw);
    case "d":
      return new Date(unescapeXml(raw));
    default: {
      const value = Number(raw);
      if (attrs.s !== undefined && dateStyles.has(Number(attrs.s))) return serialToDate(value, date1904);
      return value;
    }
  }
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * DAY_MS));
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function dateStyleIndexes(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const attrs = attributes(m[1] as string);
    custom.set(Number(attrs.numFmtId), unescapeXml(attrs.formatCode ?? ""));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const result = new Set<number>();
  let index = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>[\s\S]*?<\/xf>)/g)) {
    const id = Number(attributes(m[1] as string).numFmtId ?? 0);
    const code = custom.get(id);
    if (BUILTIN_DATE_FORMATS.has(id) || (code !== undefined && isDateFormat(code))) result.add(index);
    index++;
  }
  return result;
}

/** A format code is a date when it has d/m/y/h/s outside quoted text, brackets and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\- ]*$/i.test(bare);
}

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => richText(m[1] as string));
}

/** Text of `<t>` runs, leaving out phonetic guides (`<rPh>`). */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of withoutPhonetic.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? "");
  return out;
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:]+)="([^"]*)"/g)) attrs[m[1] as string] = unescapeXml(m[2] as string);
  return attrs;
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const ch of reference) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  if (!value.includes("&") && !value.includes("_x")) return value;
  return value
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
      if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
