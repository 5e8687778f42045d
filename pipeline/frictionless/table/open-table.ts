import { openBytes, safeUrl, type ByteSource } from "./byte-source.ts";
import { readCsvRecords } from "./csv-reader.ts";
import { encodingName } from "./decode.ts";
import { gunzip, openArchive, unzip } from "./decompress.ts";
import { batched } from "./batched.ts";
import { formatBytes, limitError, readLimits, type ReadLimits } from "./limits.ts";
import { jsonRecords, readJsonRecords, readNdjsonRecords } from "./json-reader.ts";
import { TableReadError } from "./read-error.ts";
import { tabulate } from "./tabulate.ts";
import { compressionOf, formatOfName, FORMATS } from "./table-name.ts";
import type { TableFormat, TableReader, TableSource } from "./types.ts";

/**
 * Opens a table (local file, URL, bytes or inline data; CSV, TSV, JSON, NDJSON/JSONL, XLSX;
 * gzip- or zip-compressed)
 * and reads its header. Rows then stream from `rows` (or `batches`), with their physical row
 * numbers. Rejects with a `TableReadError` (`scheme-error`, `format-error`, `encoding-error`,
 * `source-error`) when the source cannot be opened or its header cannot be read; iterating
 * the rows may throw one later (e.g. an undecodable byte in row 80 000).
 *
 *   const table = await openTable({ path: "laureats.csv", dialect: { delimiter: ";" }, encoding: "windows-1252" });
 *   for await (const row of table.rows) console.log(row.rowNumber, row.cells);
 */
export async function openTable(source: TableSource): Promise<TableReader> {
  if (source.data !== undefined) {
    const place = placeOf(source);
    checkEncoding(source, place);
    return tabulate(batched(jsonRecords(source.data, source.dialect, place)), source.dialect, place, () => ({ bytes: 0, hashes: {} }));
  }
  return readTableStream(await openTableStream(source), source);
}

/** A table's bytes as they stream, decompressed: what `openTable` reads its records from. */
export interface TableStream {
  /** From the source, or from the archive's entry name. */
  format: TableFormat;
  /** The table's bytes, inflated when the file is compressed. */
  chunks: AsyncIterable<Uint8Array>;
  /** The file as stored: its bytes and digests, which are what a resource's `bytes` and `hash` describe. */
  stored: ByteSource;
  /** The file as stored is compressed (gzip, or a zip archive's entry). */
  compressed: boolean;
  place: string;
  limits: ReadLimits;
}

/** Opens a table's byte stream (anything but inline `data`), with the errors `openTable` gives before reading a record. */
export async function openTableStream(source: TableSource): Promise<TableStream> {
  const place = placeOf(source);
  checkEncoding(source, place);
  const { compression, inner } = compressionOf(source.path ?? (source.url !== undefined ? new URL(source.url).pathname : ""), source.compression);
  let format = compression === "zip" ? undefined : tableFormat({ ...source, path: inner, url: undefined }, place);
  const limits = readLimits(source.limits);
  const stored = withinFileLimit(await openBytes(source, place, source.digests), limits, place);
  let chunks = stored.chunks;
  if (compression === "gz") chunks = gunzip(stored, limits, place);
  if (compression === "zip") {
    const entry = await unzip(source, stored, limits, place);
    chunks = entry.chunks;
    format = tableFormat({ format: source.format, path: entry.name }, place);
  }
  return { format: format as TableFormat, chunks, stored, compressed: compression !== undefined, place, limits };
}

/** The table `openTable` reads from `bytes` (from `openTableStream(source)`, or the same stream with its first chunks put back). */
export async function readTableStream(bytes: TableStream, source: TableSource): Promise<TableReader> {
  const { format, chunks, stored, place, limits } = bytes;
  const options = { encoding: source.encoding, dialect: source.dialect, place, limits };
  switch (format) {
    case "csv":
    case "tsv":
      return tabulate(readCsvRecords(chunks, { ...options, format }), source.dialect, place, stored.stats);
    case "json":
      return tabulate(readJsonRecords(chunks, options), source.dialect, place, stored.stats);
    case "ndjson":
    case "jsonl":
      return tabulate(readNdjsonRecords(chunks, options), source.dialect, place, stored.stats);
    case "xlsx": {
      // A workbook is a ZIP archive read where it is (or as it is stored): its parts are read in any order.
      if (bytes.compressed) throw new TableReadError("format-error", { place, note: "a compressed XLSX file is not supported: decompress it first" });
      // Loaded for a workbook only, with its XML parser: reading a CSV file does not pay for it.
      const { readXlsxRecords, xlsxFailure } = await import("./xlsx-reader.ts");
      return tabulate(readXlsxRecords(() => openArchive(source, stored, xlsxFailure(place)), options), source.dialect, place, stored.stats);
    }
  }
}

function placeOf(source: TableSource): string {
  return source.place ?? source.path ?? (source.url !== undefined ? safeUrl(source.url) : "inline");
}

function checkEncoding(source: TableSource, place: string): void {
  if (source.encoding !== undefined && encodingName(source.encoding) === undefined) {
    throw new TableReadError("encoding-error", { place, note: `unknown encoding "${source.encoding}": use e.g. "utf-8" or "windows-1252"` });
  }
}

/** The declared format, else the file extension, else CSV. */
export function tableFormat(source: Pick<TableSource, "format" | "path" | "url">, place = "table"): TableFormat {
  if (source.format !== undefined) {
    const format = source.format.toLowerCase() as TableFormat;
    if (!FORMATS.includes(format)) {
      throw new TableReadError("format-error", { place, note: `format "${source.format}" is not supported: use one of ${FORMATS.join(", ")}` });
    }
    return format;
  }
  return formatOfName(source.path ?? (source.url !== undefined ? new URL(source.url).pathname : ""));
}

/** The stored bytes, stopped at the file size limit: up front when the size is known, else as they come. */
function withinFileLimit(stored: ByteSource, limits: ReadLimits, place: string): ByteSource {
  const tooLarge = (size: string): TableReadError => limitError("maxFileBytes", limits.maxFileBytes, `the file is ${size}`, place);
  const expected = stored.stats().expectedBytes;
  if (expected !== undefined && expected > limits.maxFileBytes) throw tooLarge(formatBytes(expected));
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of stored.chunks) {
      if (stored.stats().bytes > limits.maxFileBytes) throw tooLarge(`larger than ${formatBytes(limits.maxFileBytes)}`);
      yield chunk;
    }
  }
  return { chunks: chunks(), stats: () => stored.stats() };
}
