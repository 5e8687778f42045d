import { CodedError } from "../errors/coded-error.ts";
import { createError } from "../errors/index.ts";
import type { ErrorProps, ValidationError } from "../errors/index.ts";
import type { CsvProblemShape } from "./csv-guard.ts";
import { guessEncoding } from "./guess-encoding.ts";

/** Why a table could not be read (further): the report error types of frictionless-py for it. */
export type TableReadErrorCode = "scheme-error" | "format-error" | "encoding-error" | "source-error" | "compression-error";

/**
 * Why a table could not be read (further). Carries the report-ready error; the validator
 * turns it into a task error.
 */
export class TableReadError extends CodedError<TableReadErrorCode> {
  readonly error: ValidationError;
  constructor(
    type: TableReadErrorCode,
    props: ErrorProps & { note: string; place: string },
    /** What stopped the CSV tokenizer, for a reader of a piece of the file to place it in the whole. */
    readonly csvProblem?: CsvProblemShape,
  ) {
    const error = createError(type, props);
    super({ code: type, message: `${props.place}: ${error.message}`, location: { source: props.place, ...(props.rowNumber === undefined ? {} : { row: props.rowNumber }) } });
    this.name = "TableReadError";
    this.error = error;
  }
}

/** Bytes around the one that did not decode, and where it is among them. */
export interface BadBytes {
  sample: Uint8Array;
  sampleAt: number;
}

/**
 * The `encoding-error` for a byte that does not decode: where it is, which encoding the bytes
 * most likely are (guess-encoding.ts) with the words they then read, and the exact option to add.
 * The row is told in the note only: as in frictionless-py, a file error has no `rowNumber`, so
 * that reports (and their consumers) keep it apart from the row errors.
 */
export function encodingReadError(byteOffset: number, encoding: string | undefined, place: string, rowNumber?: number, bad?: BadBytes): TableReadError {
  const where = rowNumber === undefined ? `offset ${byteOffset}` : `offset ${byteOffset} (row ${rowNumber})`;
  const byte = bad?.sample[bad.sampleAt];
  const what = byte === undefined ? "the byte" : `the byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  const guess = bad && bad.sample.length > 0 ? guessEncoding(bad.sample, bad.sampleAt, byteOffset - bad.sampleAt) : undefined;
  const likely = guess?.encoding ?? "windows-1252";
  const reads = guess?.excerpt ? `, where these bytes read "${guess.excerpt}"` : "";
  return new TableReadError("encoding-error", {
    place,
    byteOffset,
    note:
      `${what} at ${where} is not valid ${encoding ?? "utf-8"}: the file is most likely ${likely}${reads}; ` +
      `declare it with "encoding": "${likely}" on the resource, or --encoding ${likely} when validating the file alone`,
  });
}
