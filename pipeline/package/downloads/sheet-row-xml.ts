/**
 * The XML of one data row of a sheet, exactly as exceljs 4.4's streaming writer renders it
 * (doc/row.js, doc/cell.js, xlsx/xform/sheet/row-xform.js and cell-xform.js, utils/xml-stream.js),
 * without the Row, Cell, model and XmlStream objects it makes for every cell: those were most
 * of the time and the garbage of a large workbook. The other parts of the file (header row,
 * columns, styles, the "Champs" sheet, the zip) are still exceljs's own.
 *
 * Written against exceljs's source; the byte-for-byte comparison with exceljs's own rendering in
 * xlsx-writer.test.ts fails if an upgrade changes what exceljs writes.
 */

/** exceljs's cell types (doc/enums.js, ValueType) for the values `cellValue` gives. */
const NULL = 0;
const NUMBER = 2;
const STRING = 3;
const DATE = 4;
const BOOLEAN = 9;
type CellType = typeof NULL | typeof NUMBER | typeof STRING | typeof DATE | typeof BOOLEAN;

/** The styles table's id for a cell style and type: exceljs's `styles.addStyleModel`. */
export type AddStyleModel = (style: object, cellType: number | undefined) => number;

/** What exceljs's cell style keeps of its column's (Cell#_mergeStyle, with a new row's empty style). */
const STYLE_KEYS = ["numFmt", "font", "alignment", "border", "fill", "protection"] as const;

const MS_PER_DAY = 24 * 3600 * 1000;
/** 1899-12-30, day 0 of Excel's 1900 date system, in days before 1970-01-01 (utils.dateToExcel). */
const EXCEL_EPOCH_DAYS = 25569;

export class SheetRowXml {
  private readonly letters: string[];
  private readonly styles: object[];
  /** Per column, per cell type: the style id, asked of exceljs once (equal styles always get the same id). */
  private readonly ids: (number | undefined)[][];
  private rowStyle: number | undefined;

  /** `columns`: each column's style and letters as exceljs holds them (`worksheet.getColumn(n)`). */
  constructor(
    columns: readonly { style: object; letter: string }[],
    private readonly addStyleModel: AddStyleModel,
  ) {
    this.letters = columns.map((column) => column.letter);
    this.styles = columns.map((column) => cellStyle(column.style));
    this.ids = columns.map(() => []);
  }

  /**
   * `<row>…</row>` for row `number` (1-based) holding `values` (one per column, as `cellValue`
   * gives them), or "" for a row with no value: exceljs leaves such a row out.
   */
  render(number: number, values: readonly unknown[]): string {
    const types = values.map(typeOf);
    if (!types.some((type) => type !== NULL)) return "";
    // exceljs asks for the row's style first, then each cell's: the styles table grows in that order.
    this.rowStyle ??= this.addStyleModel({}, undefined);
    const rowStyle = this.rowStyle ? ` s="${this.rowStyle}" customFormat="1"` : "";
    let xml = `<row r="${number}" spans="1:${values.length}"${rowStyle} x14ac:dyDescent="0.25">`;
    for (let column = 0; column < values.length; column++) {
      const type = types[column]!;
      const style = this.styleId(column, type);
      if (type === NULL && !style) continue;
      xml += `<c r="${this.letters[column]}${number}"${style ? ` s="${style}"` : ""}`;
      xml += cellBody(type, values[column]);
    }
    return `${xml}</row>`;
  }

  private styleId(column: number, type: CellType): number {
    const ids = this.ids[column]!;
    return (ids[type] ??= this.addStyleModel({ ...this.styles[column] }, type));
  }
}

function cellBody(type: CellType, value: unknown): string {
  switch (type) {
    case NULL:
      return "/>";
    case NUMBER:
      return `><v>${String(value)}</v></c>`;
    case BOOLEAN:
      return ` t="b"><v>${value ? "1" : "0"}</v></c>`;
    case DATE:
      return `><v>${String(EXCEL_EPOCH_DAYS + (value as Date).getTime() / MS_PER_DAY)}</v></c>`;
    default:
      return ` t="str"><v>${xmlText(value as string)}</v></c>`;
  }
}

function typeOf(value: unknown): CellType {
  if (value === null || value === undefined) return NULL;
  if (typeof value === "string") return STRING;
  if (typeof value === "number") return NUMBER;
  if (typeof value === "boolean") return BOOLEAN;
  if (value instanceof Date) return DATE;
  throw new Error(`no XLSX cell for a ${typeof value} value: cellValue gives text, numbers, booleans and dates only`);
}

function cellStyle(columnStyle: object): object {
  const from = columnStyle as Record<string, unknown>;
  const style: Record<string, unknown> = {};
  for (const key of STYLE_KEYS) if (from[key]) style[key] = from[key];
  return style;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/**
 * utils.xmlEncode: the five XML specials as entities; DEL and the C0 controls XML 1.0 forbids
 * dropped (tab, line feed and carriage return kept).
 */
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;

export function xmlText(text: string): string {
  XML_UNSAFE.lastIndex = 0;
  return XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE, (char) => ESCAPES[char] ?? "") : text;
}
