import type { Dialect } from "../descriptor/types.ts";
import { TableReadError } from "./read-error.ts";
import type { ReadStats, SourceRow, TableReader } from "./types.ts";

/** frictionless-py's sample size: the first 100 rows of the source. */
export const SAMPLE_ROWS = 100;
/**
 * ...and no more than this many cells: 100 rows of a 200,000-column table held 20 million
 * strings (600 MB) before the first check. Tables of up to 10,000 columns keep 100 rows.
 */
export const SAMPLE_MAX_CELLS = 1_000_000;

/**
 * Physical records (every format's reader yields them in batches) → a table: header rows
 * taken and joined, comment rows dropped, null sequences turned into `null`. Row numbers are
 * physical: the n-th record is row n, whatever it turns out to be.
 */
export async function tabulate(
  records: AsyncIterable<unknown[][]>,
  dialect: Dialect | undefined,
  place: string,
  stats: () => ReadStats,
): Promise<TableReader> {
  const d = dialect ?? {};
  const headerRows = d.header === false ? [] : [...(d.headerRows ?? [1])].sort((a, b) => a - b);
  const lastHeaderRow = headerRows.length === 0 ? 0 : (headerRows[headerRows.length - 1] as number);
  const headerSet = new Set(headerRows);
  const commentRows = new Set(d.commentRows ?? []);
  const commentChar = d.commentChar === "" ? undefined : d.commentChar;
  const nullSequence = d.nullSequence;
  const commenting = commentRows.size > 0 || commentChar !== undefined;

  const iterator = records[Symbol.asyncIterator]();
  let rowNumber = 0;
  const headerCells: unknown[][] = [];
  let pending: SourceRow[] = [];
  let sawRecord = false;

  const isComment = (n: number, cells: unknown[]): boolean => {
    if (commentRows.size > 0 && commentRows.has(n)) return true;
    if (commentChar === undefined) return false;
    const first = cells[0];
    return typeof first === "string" && first.startsWith(commentChar);
  };

  const take = (batch: unknown[][], out: SourceRow[]): void => {
    for (const cells of batch) {
      rowNumber++;
      if (rowNumber <= lastHeaderRow) {
        if (headerSet.has(rowNumber) && !isComment(rowNumber, cells)) headerCells.push(cells);
        continue;
      }
      if (commenting && isComment(rowNumber, cells)) continue;
      if (nullSequence !== undefined) {
        for (let k = 0; k < cells.length; k++) if (cells[k] === nullSequence) cells[k] = null;
      }
      out.push({ rowNumber, cells });
    }
  };

  // The header rows, and the sample a table without schema is inferred from. A read error
  // after the header (a bad byte, a quote that never closes in row 6) is the rows' business:
  // it is thrown after the rows before it, as it would be further down the file.
  let failure: TableReadError | undefined;
  let sampled = 0;
  while (rowNumber < lastHeaderRow || (rowNumber < SAMPLE_ROWS && sampled < SAMPLE_MAX_CELLS)) {
    let next: IteratorResult<unknown[][]>;
    try {
      next = await iterator.next();
    } catch (cause) {
      if (!(cause instanceof TableReadError && sawRecord && rowNumber >= lastHeaderRow)) throw cause;
      failure = cause;
      break;
    }
    if (next.done) break;
    if (next.value.length > 0) sawRecord = true;
    take(next.value, pending);
    for (const cells of next.value) sampled += cells.length;
  }
  // As frictionless-py: no labels and no rows is an empty source, with or without a header.
  if (!sawRecord) {
    throw new TableReadError("source-error", { place, note: "the source is empty: add a header row and data rows" });
  }

  const labels = joinHeader(headerCells, d.headerJoin ?? " ");
  const sampleEnd = Math.min(SAMPLE_ROWS, rowNumber);
  let used = false;
  async function* batches(): AsyncGenerator<SourceRow[]> {
    if (used) throw new Error("the rows of a table can be iterated only once");
    used = true;
    if (pending.length > 0) yield pending;
    pending = [];
    if (failure) throw failure;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const out: SourceRow[] = [];
      take(next.value, out);
      if (out.length > 0) yield out;
    }
  }
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const batch of batches()) yield* batch;
  }
  return {
    labels,
    headerRowNumbers: headerRows.filter((n) => n <= rowNumber),
    sample: pending.filter((row) => row.rowNumber <= sampleEnd),
    get rows() {
      return rows();
    },
    get batches() {
      return batches();
    },
    stats,
  };
}

/**
 * Labels as frictionless-py reads them: trimmed, and over several header rows joined column by
 * column, a cell equal to the one above it (a merged spreadsheet cell) taken once.
 */
function joinHeader(rows: unknown[][], join: string): string[] {
  if (rows.length === 0) return [];
  if (rows.length === 1) return (rows[0] as unknown[]).map(labelText);
  const width = Math.max(...rows.map((r) => r.length));
  const labels: string[] = [];
  for (let col = 0; col < width; col++) {
    const parts: string[] = [];
    let above: string | undefined;
    for (const row of rows) {
      if (col >= row.length) continue;
      const part = labelText(row[col]);
      if (part === above) continue;
      above = part;
      if (part !== "") parts.push(part);
    }
    labels.push(parts.join(join));
  }
  return labels;
}

function labelText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}
