import { createError } from "../errors/index.ts";
import type { ErrorProps, ValidationError } from "../errors/index.ts";
import type { CsvProblemShape } from "./csv-guard.ts";

/**
 * Why a table could not be read (further): `scheme-error`, `format-error`, `encoding-error`,
 * `source-error`, `compression-error`. Carries the report-ready error; the validator turns it into a task error.
 */
export class TableReadError extends Error {
  readonly code: string;
  readonly error: ValidationError;
  constructor(
    type: "scheme-error" | "format-error" | "encoding-error" | "source-error" | "compression-error",
    props: ErrorProps & { note: string; place: string },
    /** What stopped the CSV tokenizer, for a reader of a piece of the file to place it in the whole. */
    readonly csvProblem?: CsvProblemShape,
  ) {
    const error = createError(type, props);
    super(`${props.place}: ${error.message}`);
    this.name = "TableReadError";
    this.code = type;
    this.error = error;
  }
}

/**
 * The `encoding-error` for a byte that does not decode: where it is and what to declare. The
 * row is told in the note only: as in frictionless-py, a file error has no `rowNumber`, so that
 * reports (and their consumers) keep it apart from the row errors.
 */
export function encodingReadError(byteOffset: number, encoding: string | undefined, place: string, rowNumber?: number): TableReadError {
  const where = rowNumber === undefined ? `offset ${byteOffset}` : `offset ${byteOffset} (row ${rowNumber})`;
  return new TableReadError("encoding-error", {
    place,
    byteOffset,
    note:
      `the byte at ${where} is not valid ${encoding ?? "utf-8"}: if the file was saved by Excel or an older system, ` +
      `declare its encoding, e.g. "encoding": "windows-1252"`,
  });
}
