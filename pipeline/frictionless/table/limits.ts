import type { CsvProblemShape } from "./csv-guard.ts";
import { TableReadError } from "./read-error.ts";

/**
 * How much of a table the readers accept before they stop with a `source-error` that names the
 * limit and the `aap validate` option that raises it. They keep time and memory bounded on any
 * file: a zip bomb, a quote that never closes, a 200,000-column row.
 */
export interface ReadLimits {
  /** Bytes of the file as stored (compressed, when it is). */
  maxFileBytes: number;
  /**
   * Bytes a compressed table (`.gz`, a `.zip` entry) or an XLSX part may inflate to. Undefined:
   * `INFLATE_RATIO` times the stored file, and at least `MIN_INFLATED_BYTES` (text compresses
   * 5 to 20 times; a zip bomb, a thousand times).
   */
  maxInflatedBytes?: number;
  /** Cells a row (or labels a header) may have. */
  maxColumns: number;
  /** Characters a cell may have. */
  maxCellChars: number;
}

export const INFLATE_RATIO = 100;
export const MIN_INFLATED_BYTES = 100 * 1000 * 1000;

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = {
  maxFileBytes: 20 * 1000 * 1000 * 1000,
  maxColumns: 250_000,
  maxCellChars: 10 * 1000 * 1000,
};

/** The limits in force: the defaults, overridden by those given. */
export function readLimits(given: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, value]) => value !== undefined)) };
}

/** The inflated size allowed for a file of `storedBytes` bytes. */
export function inflatedLimit(limits: ReadLimits, storedBytes: number): number {
  return limits.maxInflatedBytes ?? Math.max(MIN_INFLATED_BYTES, INFLATE_RATIO * storedBytes);
}

/** The options of `aap validate` that raise each limit, as the errors name them. */
export const LIMIT_OPTIONS = {
  maxFileBytes: "--max-file-size",
  maxInflatedBytes: "--max-inflated-size",
  maxColumns: "--max-columns",
  maxCellChars: "--max-cell-size",
} as const satisfies Record<keyof ReadLimits, string>;

/** The `source-error` for a limit reached: what, where, the limit, and how to raise it. */
export function limitError(limit: keyof ReadLimits, value: number, what: string, place: string, csvProblem?: CsvProblemShape): TableReadError {
  const note = `${what}: the limit is ${formatCount(value, limit)}; if the file is right, raise it with ${LIMIT_OPTIONS[limit]}`;
  return new TableReadError("source-error", { place, note }, csvProblem);
}

/** Sizes in MB/GB as people read them, counts with separators. */
export function formatCount(value: number, limit: keyof ReadLimits): string {
  if (limit === "maxColumns") return `${value.toLocaleString("en")} columns`;
  if (limit === "maxCellChars") return `${value.toLocaleString("en")} characters`;
  return formatBytes(value);
}

export function formatBytes(value: number): string {
  if (value >= 1e9) return `${round(value / 1e9)} GB`;
  if (value >= 1e6) return `${round(value / 1e6)} MB`;
  if (value >= 1e4) return `${round(value / 1e3)} kB`;
  return `${value.toLocaleString("en")} bytes`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
