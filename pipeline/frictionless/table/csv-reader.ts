import type { Dialect } from "../descriptor/types.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";

/**
 * Decoded CSV/TSV records, in batches. An undecodable byte stops the stream with an
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
  let parser: CsvParser;
  try {
    parser = new CsvParser(csvSyntax(options.dialect, options.format));
  } catch (cause) {
    throw new TableReadError("format-error", { place: options.place, note: `${(cause as Error).message}: fix the dialect` });
  }
  let records = 0;
  try {
    for await (const text of decodeText(chunks, options.encoding)) {
      const out: string[][] = [];
      parser.push(text, out);
      records += out.length;
      if (out.length > 0) yield out;
    }
  } catch (cause) {
    if (!(cause instanceof DecodeFailure)) throw cause;
    const out: string[][] = [];
    parser.push(cause.validText, out);
    records += out.length;
    if (out.length > 0) yield out;
    throw encodingReadError(cause.byteOffset, options.encoding, options.place, records + 1);
  }
  if (options.unfinished) {
    options.unfinished(parser.unfinished);
    return;
  }
  const out: string[][] = [];
  parser.end(out);
  if (out.length > 0) yield out;
}
