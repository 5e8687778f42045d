import type { Dialect } from "../descriptor/types.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";
import { sniffCsv, sniffSample, withSniffed } from "./sniff.ts";

/** Long lines: sniff from this much text when the first lines take more. */
const SNIFF_MAX_CHARS = 1 << 20;

/**
 * Decoded CSV/TSV records, in batches. What the dialect leaves unset of delimiter, quote
 * character and skipInitialSpace is sniffed from the first lines, as frictionless-py does. An undecodable byte stops the stream with an
 * `encoding-error` that gives the byte offset, the row it falls in and what to declare.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: { format: "csv" | "tsv"; encoding: string | undefined; dialect: Dialect | undefined; place: string },
): AsyncGenerator<string[][]> {
  let parser: CsvParser | undefined;
  // Text held until the first lines are there to sniff the dialect from.
  let held = "";
  const start = (sample: string): CsvParser => {
    const declared = options.dialect?.delimiter;
    const candidates = declared !== undefined ? [declared] : options.format === "tsv" ? ["\t"] : undefined;
    const dialect = withSniffed(options.dialect, sniffCsv(sniffSample(sample), candidates));
    try {
      return new CsvParser(csvSyntax(dialect, options.format));
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
    throw encodingReadError(cause.byteOffset, options.encoding, options.place, records + 1);
  }
  const out: string[][] = [];
  if (parser === undefined) {
    parser = start(held);
    parser.push(held, out);
  }
  parser.end(out);
  if (out.length > 0) yield out;
}
