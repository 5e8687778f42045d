import type { Dialect } from "../descriptor/types.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";
import { sniffCsv, sniffSample, withSniffed } from "./sniff.ts";

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
    /**
     * For a piece of a file: the text of a last record that no line terminator closed is
     * handed here instead of being read as a record (it continues in the next piece).
     */
    unfinished?: (text: string) => void;
  },
): AsyncGenerator<string[][]> {
  let parser: CsvParser | undefined;
  // Text held until the first lines are there to sniff the dialect from.
  let held = "";
  const start = (sample: string): CsvParser => {
    try {
      return new CsvParser(csvSyntax(settleDialect(sample, options.dialect, options.format), options.format));
    } catch (cause) {
      throw new TableReadError("format-error", { place: options.place, note: `${(cause as Error).message}: fix the dialect` });
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
  try {
    for await (const text of decodeText(chunks, options.encoding)) {
      const out: string[][] = [];
      push(text, out);
      if (out.length > 0) yield out;
    }
  } catch (cause) {
    if (!(cause instanceof DecodeFailure)) throw cause;
    const out: string[][] = [];
    push(cause.validText, out);
    if (parser === undefined) {
      parser = start(held);
      parser.push(held, out);
      records += out.length;
    }
    if (out.length > 0) yield out;
    throw encodingReadError(cause.byteOffset, options.encoding, options.place, records + 1, cause);
  }
  const out: string[][] = [];
  if (parser === undefined) {
    parser = start(held);
    parser.push(held, out);
  }
  if (options.unfinished) {
    if (out.length > 0) yield out;
    options.unfinished(parser.unfinished);
    return;
  }
  parser.end(out);
  if (out.length > 0) yield out;
}
