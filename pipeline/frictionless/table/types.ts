import type { Dialect } from "../descriptor/types.ts";
import type { ReadLimits } from "./limits.ts";

export type TableFormat = "csv" | "tsv" | "json" | "ndjson" | "jsonl" | "xlsx";

/** Digest algorithms a reader can compute while it streams the bytes. */
export type DigestAlgorithm = "sha256" | "sha1" | "md5";

/**
 * Where a table comes from. Exactly one of `path`, `url`, `bytes`, `data`.
 * The extract stage's file connector reads CSV/JSON/XLSX sources through `openTable` with this.
 */
export interface TableSource {
  /** Local file path. */
  path?: string;
  /** http(s) URL. */
  url?: string;
  /** The file's bytes, already in memory. */
  bytes?: Uint8Array;
  /** Inline data: an array of arrays (header first) or an array of objects. */
  data?: unknown;
  /** Otherwise taken from the extension of `path`/`url` (default `csv`). */
  format?: TableFormat;
  /** Declared encoding (`utf-8` when absent, decoded strictly). */
  encoding?: string;
  dialect?: Dialect;
  /** Name of the source in error messages (default: the path or URL). */
  place?: string;
  /** `gz` or `zip` (frictionless-py's resource property); otherwise taken from a `.gz`/`.zip` extension. */
  compression?: string;
  /** The file to read in a zip archive (default: its first file). */
  innerpath?: string;
  /** Digests to compute while reading; read them from `TableReader.stats()` once rows are consumed. */
  digests?: DigestAlgorithm[];
  /** What the table may hold (file size, inflated size, columns, cell size); the rest: `DEFAULT_READ_LIMITS`. */
  limits?: Partial<ReadLimits>;
}

/** One physical row of the source, before any casting. */
export interface SourceRow {
  /** Physical row number: the first header row is 1, comment rows count. */
  rowNumber: number;
  /** Text for CSV; JSON values for JSON; strings, numbers, booleans, Dates for XLSX. `null` for a nullSequence cell. */
  cells: unknown[];
}

export interface ReadStats {
  /** Bytes read from the source so far (0 for inline data). */
  bytes: number;
  /** The source's size when known up front (file size, Content-Length): with `bytes`, tells how far reading is. */
  expectedBytes?: number;
  /** Hex digests requested through `TableSource.digests`. */
  hashes: Partial<Record<DigestAlgorithm, string>>;
}

export interface TableReader {
  /** Header labels (joined with `headerJoin` over `headerRows`); empty when `header: false`. */
  labels: string[];
  headerRowNumbers: number[];
  /**
   * The data rows among the first `SAMPLE_ROWS` rows of the source (header and comment rows
   * count; fewer in a table so wide that they hold more than `SAMPLE_MAX_CELLS` cells): what
   * frictionless-py infers a schema from when the table declares none.
   */
  sample: SourceRow[];
  /** Data rows, in order. Iterate once. Throws a `TableReadError` when the source cannot be read further. */
  rows: AsyncIterable<SourceRow>;
  /** The same rows in chunks: cheaper per row for the validator. Use either `rows` or `batches`, once. */
  batches: AsyncIterable<SourceRow[]>;
  /** Bytes and digests, complete once the rows have all been read. */
  stats(): ReadStats;
}
