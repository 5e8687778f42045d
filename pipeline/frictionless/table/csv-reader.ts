import type { Dialect } from "../descriptor/types.ts";
import { CsvProblem, type CsvProblemShape } from "./csv-guard.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";
import { DEFAULT_READ_LIMITS, limitError, type ReadLimits } from "./limits.ts";
import { sniffCsv, sniffSample, withSniffed } from "./sniff.ts";
import { describeThrown } from "../errors/coded-error.ts";

/** Long lines: sniff from this much text when the first lines take more. */
export const SNIFF_MAX_CHARS = 1 << 20;

/** The dialect a CSV/TSV file is read with: as declared, the rest sniffed from `text`, the file's start. */
export function settleDialect(text: string, dialect: Dialect | undefined, format: "csv" | "tsv"): Dialect {
  const declared = dialect?.delimiter;
  const candidates = declared !== undefined ? [declared] : format === "tsv" ? ["\t"] : undefined;
  return withSniffed(dialect, sniffCsv(sniffSample(text), candidates));
}

/**
 * Decoded CSV/TSV records, in batches. What the dialect leaves unset of delimiter, quote
 * character and skipInitialSpace is sniffed from the first lines, as frictionless-py does. An undecodable byte stops the stream with an
 * `encoding-error` that gives the byte offset, the row it falls in and what to declare.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: {
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
  },
): AsyncGenerator<string[][]> {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  let parser: CsvParser | undefined;
  // Text held until the first lines are there to sniff the dialect from.
  let held = "";
  const start = (sample: string): CsvParser => {
    try {
      return new CsvParser(csvSyntax(settleDialect(sample, options.dialect, options.format), options.format), limits, options.unfinished !== undefined);
    } catch (cause) {
      throw new TableReadError("format-error", { place: options.place, note: `${describeThrown(cause).message}: fix the dialect` });
    }
  };
  let records = 0;
  const push = (text: string, out: string[][]): void => {
    if (parser === undefined) {
      held += text;
      if (held.length < SNIFF_MAX_CHARS && sniffSample(held).length === held.length) return;
      parser = start(held);
      text = held;
      held = "";
    }
    parser.push(text, out);
    records += out.length;
  };
  // A problem stops the stream after the records before it, as an undecodable byte does.
  let problem: CsvProblem | undefined;
  const guarded = (act: () => void): void => {
    try {
      act();
    } catch (cause) {
      if (!(cause instanceof CsvProblem)) throw cause;
      problem = cause;
    }
  };
  const stopped = (): TableReadError | undefined => problem && csvProblemError(problem, problem.record + 1, limits, options.place);
  try {
    for await (const text of decodeText(chunks, options.encoding)) {
      const out: string[][] = [];
      guarded(() => push(text, out));
      if (out.length > 0) yield out;
      if (problem) throw stopped();
    }
  } catch (cause) {
    if (!(cause instanceof DecodeFailure)) throw cause;
    const out: string[][] = [];
    guarded(() => {
      push(cause.validText, out);
      if (parser === undefined) {
        parser = start(held);
        parser.push(held, out);
        records += out.length;
      }
    });
    if (out.length > 0) yield out;
    throw stopped() ?? encodingReadError(cause.byteOffset, options.encoding, options.place, records + 1, cause);
  }
  const out: string[][] = [];
  guarded(() => {
    parser ??= start(held);
    if (held !== "") parser.push(held, out);
    if (!options.unfinished) parser.end(out);
  });
  if (out.length > 0) yield out;
  if (problem) throw stopped();
  options.unfinished?.((parser as CsvParser | undefined)?.unfinished ?? "");
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
