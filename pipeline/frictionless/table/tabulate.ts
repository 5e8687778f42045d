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
 * physical: the n-th record is row n, whatever it turns out to be. The header rows and the
 * sample (the first rows, to infer a schema from) are read now; the other rows when iterated.
 */
export async function tabulate(
  records: AsyncIterable<unknown[][]>,
  dialect: Dialect | undefined,
  place: string,
  stats: () => ReadStats,
): Promise<TableReader> {
  const numbering = new RecordNumbering(dialect);
  const iterator = records[Symbol.asyncIterator]();
  const head = await readHead(iterator, numbering);
  // As frictionless-py: no labels and no rows is an empty source, with or without a header.
  if (!head.sawRecord) {
    throw new TableReadError("source-error", { place, note: "the source is empty: add a header row and data rows" });
  }
  return new TabulatedTable(numbering, head, iterator, dialect?.headerJoin ?? " ", stats);
}

/** Numbers the records and sorts them out: header rows aside, comment rows dropped, data rows out. */
class RecordNumbering {
  /** The last record numbered. */
  rowNumber = 0;
  readonly headerRows: number[];
  readonly lastHeaderRow: number;
  /** The cells of the header rows, in order. */
  readonly headerCells: unknown[][] = [];
  private readonly headerSet: ReadonlySet<number>;
  private readonly commentRows: ReadonlySet<number>;
  private readonly commentChar: string | undefined;
  private readonly commenting: boolean;
  private readonly nullSequence: string | undefined;

  constructor(dialect: Dialect | undefined) {
    const d = dialect ?? {};
    this.headerRows = d.header === false ? [] : [...(d.headerRows ?? [1])].sort((a, b) => a - b);
    this.lastHeaderRow = this.headerRows.length === 0 ? 0 : (this.headerRows[this.headerRows.length - 1] as number);
    this.headerSet = new Set(this.headerRows);
    this.commentRows = new Set(d.commentRows ?? []);
    this.commentChar = d.commentChar === "" ? undefined : d.commentChar;
    this.commenting = this.commentRows.size > 0 || this.commentChar !== undefined;
    this.nullSequence = d.nullSequence;
  }

  /** Numbers a batch of records; its data rows go to `out`. */
  take(batch: unknown[][], out: SourceRow[]): void {
    const nullSequence = this.nullSequence;
    for (const cells of batch) {
      const rowNumber = ++this.rowNumber;
      if (rowNumber <= this.lastHeaderRow) {
        if (this.headerSet.has(rowNumber) && !this.isComment(rowNumber, cells)) this.headerCells.push(cells);
        continue;
      }
      if (this.commenting && this.isComment(rowNumber, cells)) continue;
      if (nullSequence !== undefined) {
        for (let k = 0; k < cells.length; k++) if (cells[k] === nullSequence) cells[k] = null;
      }
      out.push({ rowNumber, cells });
    }
  }

  private isComment(n: number, cells: unknown[]): boolean {
    if (this.commentRows.size > 0 && this.commentRows.has(n)) return true;
    if (this.commentChar === undefined) return false;
    const first = cells[0];
    return typeof first === "string" && first.startsWith(this.commentChar);
  }
}

/** What is read before the table is handed over. */
interface Head {
  /** The data rows read with the header and the sample. */
  rows: SourceRow[];
  /** A record was read (the source is not empty). */
  sawRecord: boolean;
  /** A read error after the header, thrown once the rows before it are taken. */
  failure: TableReadError | undefined;
}

/**
 * The header rows, and the sample a table without schema is inferred from. A read error
 * after the header (a bad byte, a quote that never closes in row 6) is the rows' business:
 * it is thrown after the rows before it, as it would be further down the file.
 */
async function readHead(iterator: AsyncIterator<unknown[][]>, numbering: RecordNumbering): Promise<Head> {
  const head: Head = { rows: [], sawRecord: false, failure: undefined };
  let sampled = 0;
  while (numbering.rowNumber < numbering.lastHeaderRow || (numbering.rowNumber < SAMPLE_ROWS && sampled < SAMPLE_MAX_CELLS)) {
    let next: IteratorResult<unknown[][]>;
    try {
      next = await iterator.next();
    } catch (cause) {
      if (!(cause instanceof TableReadError && head.sawRecord && numbering.rowNumber >= numbering.lastHeaderRow)) throw cause;
      head.failure = cause;
      break;
    }
    if (next.done) break;
    if (next.value.length > 0) head.sawRecord = true;
    numbering.take(next.value, head.rows);
    for (const cells of next.value) sampled += cells.length;
  }
  return head;
}

/** A table whose header and sample were read: its rows are read as they are iterated, once. */
class TabulatedTable implements TableReader {
  readonly labels: string[];
  readonly headerRowNumbers: number[];
  readonly sample: SourceRow[];
  private used = false;

  constructor(
    private readonly numbering: RecordNumbering,
    private head: Head,
    private readonly iterator: AsyncIterator<unknown[][]>,
    headerJoin: string,
    readonly stats: () => ReadStats,
  ) {
    const read = numbering.rowNumber;
    this.labels = joinHeader(numbering.headerCells, headerJoin);
    this.headerRowNumbers = numbering.headerRows.filter((n) => n <= read);
    const sampleEnd = Math.min(SAMPLE_ROWS, read);
    this.sample = head.rows.filter((row) => row.rowNumber <= sampleEnd);
  }

  get batches(): AsyncGenerator<SourceRow[]> {
    return this.readBatches();
  }

  get rows(): AsyncGenerator<SourceRow> {
    return this.readRows();
  }

  private async *readBatches(): AsyncGenerator<SourceRow[]> {
    if (this.used) throw new Error("the rows of a table can be iterated only once");
    this.used = true;
    const { rows, failure } = this.head;
    this.head = { ...this.head, rows: [] };
    if (rows.length > 0) yield rows;
    if (failure) throw failure;
    for (;;) {
      const next = await this.iterator.next();
      if (next.done) return;
      const out: SourceRow[] = [];
      this.numbering.take(next.value, out);
      if (out.length > 0) yield out;
    }
  }

  private async *readRows(): AsyncGenerator<SourceRow> {
    for await (const batch of this.readBatches()) yield* batch;
  }
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
