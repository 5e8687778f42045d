import type { Dialect } from "../descriptor/types.ts";
import { describeThrown } from "../errors/index.ts";
import { CsvProblem, type CsvProblemShape } from "./csv-guard.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";
import { DEFAULT_READ_LIMITS, limitError, type ReadLimits } from "./limits.ts";
import { sniffCsv, sniffSample, withSniffed } from "./sniff.ts";

/** Long lines: sniff from this much text when the first lines take more. */
export const SNIFF_MAX_CHARS = 1 << 20;

/** The dialect a CSV/TSV file is read with: as declared, the rest sniffed from `text`, the file's start. */
export function settleDialect(text: string, dialect: Dialect | undefined, format: "csv" | "tsv"): Dialect {
  const declared = dialect?.delimiter;
  const candidates = declared !== undefined ? [declared] : format === "tsv" ? ["\t"] : undefined;
  return withSniffed(dialect, sniffCsv(sniffSample(text), candidates));
}

export interface CsvReadOptions {
  format: "csv" | "tsv";
  encoding: string | undefined;
  dialect: Dialect | undefined;
  place: string;
  limits?: ReadLimits;
  /**
   * For a piece of a file: the text of a last record that no line terminator closed is
   * handed here instead of being read as a record (it continues in the next piece).
   */
  unfinished?: (text: string) => void;
}

/**
 * Decoded CSV/TSV records, in batches. What the dialect leaves unset of delimiter, quote
 * character and skipInitialSpace is sniffed from the first lines, as frictionless-py does. An
 * undecodable byte stops the stream with an `encoding-error` that gives the byte offset, the
 * row it falls in and what to declare; a problem of the tokenizer (csv-guard.ts) stops it with
 * a `source-error`; both after the records before them.
 */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array>, options: CsvReadOptions): AsyncGenerator<string[][]> {
  const parser = new SniffingParser(options);
  try {
    for await (const text of decodeText(chunks, options.encoding)) {
      const out: string[][] = [];
      parser.push(text, out);
      if (out.length > 0) yield out;
      parser.throwIfStopped();
    }
  } catch (cause) {
    if (!(cause instanceof DecodeFailure)) throw cause;
    const out: string[][] = [];
    parser.pushBeforeBadByte(cause.validText, out);
    if (out.length > 0) yield out;
    throw parser.stopped() ?? encodingReadError(cause.byteOffset, options.encoding, options.place, parser.records + 1, cause);
  }
  const out: string[][] = [];
  parser.end(out);
  if (out.length > 0) yield out;
  parser.throwIfStopped();
  options.unfinished?.(parser.unfinished);
}

/**
 * The tokenizer, once the dialect is known: text is held until the first lines are there to
 * sniff it from. A problem that stops the tokenizer is kept, not thrown at once, so that the
 * records before it are given first.
 */
class SniffingParser {
  /** Records given so far. */
  records = 0;
  private parser: CsvParser | undefined;
  /** Text held until the first lines are there to sniff the dialect from. */
  private held = "";
  private problem: CsvProblem | undefined;
  private readonly limits: ReadLimits;

  constructor(private readonly options: CsvReadOptions) {
    this.limits = options.limits ?? DEFAULT_READ_LIMITS;
  }

  /** Parses `text`: the records it completes go to `out` (none while the dialect waits for more text). */
  push(text: string, out: string[][]): void {
    try {
      this.parse(text, out);
    } catch (cause) {
      this.keep(cause);
    }
  }

  /** The text before an undecodable byte: parsed, with the dialect sniffed from what there is. */
  pushBeforeBadByte(text: string, out: string[][]): void {
    try {
      this.parse(text, out);
      if (this.parser === undefined) {
        this.parser = this.start(this.held);
        this.parser.push(this.held, out);
        this.records += out.length;
      }
    } catch (cause) {
      this.keep(cause);
    }
  }

  /** At the end of the text: the last records (an unfinished one too, unless reading a piece of a file). */
  end(out: string[][]): void {
    try {
      this.parser ??= this.start(this.held);
      if (this.held !== "") this.parser.push(this.held, out);
      if (this.options.unfinished) this.parser.flush(out);
      else this.parser.end(out);
    } catch (cause) {
      this.keep(cause);
    }
  }

  /** The error for what stopped the tokenizer, if anything did. */
  stopped(): TableReadError | undefined {
    return this.problem && csvProblemError(this.problem, this.problem.record + 1, this.limits, this.options.place);
  }

  throwIfStopped(): void {
    const stopped = this.stopped();
    if (stopped) throw stopped;
  }

  /** The text of the last record, that no line terminator closed. */
  get unfinished(): string {
    return this.parser?.unfinished ?? "";
  }

  private parse(text: string, out: string[][]): void {
    if (this.parser === undefined) {
      this.held += text;
      if (this.held.length < SNIFF_MAX_CHARS && sniffSample(this.held).length === this.held.length) return;
      this.parser = this.start(this.held);
      text = this.held;
      this.held = "";
    }
    this.parser.push(text, out);
    this.records += out.length;
  }

  private start(sample: string): CsvParser {
    const { dialect, format } = this.options;
    try {
      return new CsvParser(csvSyntax(settleDialect(sample, dialect, format), format), this.limits, this.options.unfinished !== undefined);
    } catch (cause) {
      throw new TableReadError("format-error", { place: this.options.place, note: `${describeThrown(cause).message}: fix the dialect` });
    }
  }

  private keep(cause: unknown): void {
    if (!(cause instanceof CsvProblem)) throw cause;
    this.problem = cause;
  }
}

/**
 * The `source-error` for what stopped the tokenizer. As for an encoding error, the row is told
 * in the note (a file error has no `rowNumber` in frictionless-py's reports).
 */
export function csvProblemError(problem: CsvProblemShape, rowNumber: number, limits: ReadLimits, place: string): TableReadError {
  const where = `row ${rowNumber}, field ${problem.field}`;
  switch (problem.kind) {
    case "unclosed-quote":
      return new TableReadError(
        "source-error",
        {
          place,
          note:
            `the quoted cell that starts in ${where} is never closed: the rest of the file would be one cell. ` +
            `Close the quote, or write a quote inside a quoted cell twice ("")`,
        },
        problem,
      );
    case "cell-too-large":
      return limitError("maxCellChars", limits.maxCellChars, `the cell in ${where} is longer than the cell size limit (a quote that is not closed where it should be makes a cell run on)`, place, problem);
    case "too-many-columns":
      return limitError("maxColumns", limits.maxColumns, `row ${rowNumber} has more than ${limits.maxColumns.toLocaleString("en")} cells`, place, problem);
  }
}
