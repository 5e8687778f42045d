import type { CsvSyntax } from "./csv-syntax.ts";

/**
 * What stops the CSV tokenizer: a quote that never closes, a cell or a row past the limits.
 * Each keeps memory bounded: a quoted cell that grows past the cell limit is not kept but only
 * scanned for its closing quote (`QuoteScan`), so a quote opened in row 2 of a 32 GB file costs
 * a read of the file, never the file in memory, and the error still says which it was.
 */

export interface CsvLimits {
  /** Cells a record may have. */
  maxColumns: number;
  /** Characters a cell may have. */
  maxCellChars: number;
}

export type CsvProblemKind = "unclosed-quote" | "cell-too-large" | "too-many-columns";

/** What a problem is and in which cell, as plain data (it travels from worker threads). */
export interface CsvProblemShape {
  kind: CsvProblemKind;
  field: number;
}

/** Thrown by `CsvParser`; `record` counts the records the parser gave before (0: the first; -1: not known yet). */
export class CsvProblem extends Error implements CsvProblemShape {
  record = -1;
  constructor(
    readonly kind: CsvProblemKind,
    /** 1-based cell of the record where it is. */
    readonly field: number,
  ) {
    super(kind);
    this.name = "CsvProblem";
  }

  at(record: number): this {
    this.record = record;
    return this;
  }
}

/** Where a quoted cell's scan stands at the end of the text read so far. */
export type QuoteState = "inside" | "after-quote" | "after-escape";

/** A quoted cell that the text pushed so far does not close. */
export interface OpenQuote {
  /** Where its text starts in the string being parsed. */
  from: number;
  field: number;
  state: QuoteState;
}

/**
 * Follows a quoted cell through the text, without keeping it, to its closing quote (then the
 * cell is only too large) or to the end of the file (then its quote never closes).
 */
export class QuoteScan {
  constructor(
    private readonly syntax: CsvSyntax,
    private state: QuoteState,
    readonly problem: CsvProblem,
  ) {}

  /** Throws the cell's problem once its closing quote is found in `text`. */
  push(text: string): void {
    const quote = this.syntax.quoteChar as string;
    const escape = this.syntax.escapeChar;
    let i = 0;
    while (i < text.length) {
      if (this.state === "after-escape") {
        this.state = "inside";
        i++;
        continue;
      }
      if (this.state === "after-quote") {
        // A doubled quote is a quote in the cell; any other character follows a closing quote.
        if (!this.syntax.doubleQuote || text[i] !== quote) throw this.problem;
        this.state = "inside";
        i++;
        continue;
      }
      const q = text.indexOf(quote, i);
      const e = escape === undefined ? -1 : text.indexOf(escape, i);
      if (e !== -1 && (q === -1 || e < q)) {
        this.state = "after-escape";
        i = e + 1;
      } else if (q !== -1) {
        this.state = "after-quote";
        i = q + 1;
      } else return;
    }
  }

  /** At the end of the file: a quote just seen closed the cell; otherwise the quote never closed. */
  end(): never {
    if (this.state === "after-quote") throw this.problem;
    throw new CsvProblem("unclosed-quote", this.problem.field).at(this.problem.record);
  }
}

/** Throws when a record given has too many cells or a cell too long. */
export function checkRecords(records: readonly string[][], from: number, limits: CsvLimits, firstRecord: number, textLength: number): void {
  for (let r = from; r < records.length; r++) {
    const cells = records[r] as string[];
    if (cells.length > limits.maxColumns) throw new CsvProblem("too-many-columns", limits.maxColumns + 1).at(firstRecord + r - from);
    // No cell can be longer than the text they came from: most pushes need no look at the cells.
    if (textLength <= limits.maxCellChars) continue;
    for (let c = 0; c < cells.length; c++) {
      if ((cells[c] as string).length > limits.maxCellChars) throw new CsvProblem("cell-too-large", c + 1).at(firstRecord + r - from);
    }
  }
}

/**
 * For an unfinished record outside quotes (no line terminator yet): throws when its cells are
 * already too many or its last cell too long. `text` is the record's text so far.
 */
export function checkUnfinished(text: string, delimiter: string, limits: CsvLimits, record: number): void {
  let cells = 1;
  let last = 0;
  for (let at = text.indexOf(delimiter); at !== -1; at = text.indexOf(delimiter, at + delimiter.length)) {
    cells++;
    last = at + delimiter.length;
    if (cells > limits.maxColumns) throw new CsvProblem("too-many-columns", cells).at(record);
  }
  if (text.length - last > limits.maxCellChars) throw new CsvProblem("cell-too-large", cells).at(record);
}
