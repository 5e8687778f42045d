import { readFile } from "node:fs/promises";
import { openTable, type TableFormat } from "../../frictionless/index.ts";

/** Where a cell starts in the file the data team edits: 1-based line and, when known, character column. */
export interface SourcePlace {
  line: number;
  col?: number;
}

export interface SourceFile {
  path: string;
  format?: string;
  encoding?: string;
  dialect?: { delimiter?: string; quoteChar?: string; [key: string]: unknown };
}

/**
 * Lines of the given rows (and columns) of a CSV source. A row number counts records, a line
 * counts line breaks: a quoted cell holding a line break makes every later record start one line
 * further down, so the file is read again with its own dialect and the breaks inside cells are
 * counted. Done only when a build failed, so the happy path pays nothing for it.
 */
export async function sourcePlaces(file: SourceFile, wanted: ReadonlyArray<{ rowNumber: number; column?: string }>): Promise<Map<string, SourcePlace>> {
  const places = new Map<string, SourcePlace>();
  if ((file.format ?? "csv") !== "csv" || wanted.length === 0) return places;
  const bytes = await readFile(file.path);
  const text = new TextDecoder(file.encoding ?? "utf-8").decode(bytes);
  const physical = text.split(/\r\n|\n/);
  const rows = new Map<number, Array<string | undefined>>();
  for (const w of wanted) rows.set(w.rowNumber, [...(rows.get(w.rowNumber) ?? []), w.column]);
  const table = await openTable({ bytes, format: "csv" as TableFormat, encoding: file.encoding, dialect: file.dialect, place: file.path });
  let nextRow = (table.headerRowNumbers.at(-1) ?? 0) + 1;
  let line = 1 + (table.headerRowNumbers.length > 0 ? 1 + breaks(table.labels) : 0);
  const last = Math.max(...rows.keys());
  for await (const row of table.rows) {
    if (row.rowNumber > last) break;
    line += row.rowNumber - nextRow; // skipped rows (comments, blank lines) held one line each
    const columns = rows.get(row.rowNumber);
    for (const column of columns ?? []) {
      const index = column === undefined ? -1 : table.labels.indexOf(column);
      const before = index < 0 ? 0 : breaks(row.cells.slice(0, index));
      const place: SourcePlace = { line: line + before };
      if (index >= 0 && before === 0) place.col = fieldColumn(physical[line - 1] ?? "", index, file.dialect?.delimiter ?? ",", file.dialect?.quoteChar ?? '"');
      places.set(placeKey(row.rowNumber, column), place);
    }
    line += 1 + breaks(row.cells);
    nextRow = row.rowNumber + 1;
  }
  return places;
}

export function placeKey(rowNumber: number, column: string | undefined): string {
  return `${rowNumber}\u0000${column ?? ""}`;
}

function breaks(cells: readonly unknown[]): number {
  let count = 0;
  for (const cell of cells) if (typeof cell === "string") for (let at = cell.indexOf("\n"); at >= 0; at = cell.indexOf("\n", at + 1)) count++;
  return count;
}

/** 1-based character column where field `index` starts on a line, quotes respected; undefined past the line's end. */
function fieldColumn(line: string, index: number, delimiter: string, quote: string): number | undefined {
  let field = 0;
  let quoted = false;
  for (let at = 0; at < line.length; at++) {
    if (field === index) return at + 1;
    const char = line[at];
    if (char === quote) quoted = !quoted;
    else if (char === delimiter && !quoted) field++;
  }
  return field === index ? line.length + 1 : undefined;
}
