import type { ReadLimits } from "../table/limits.ts";
import type { CheckModule, CheckRegistry } from "./check.ts";

export interface ValidateOptions {
  /** Errors kept per task before it stops with the `reached error limit: N` warning. Default 1000; 1 stops at the first error; 0 sets no limit. */
  limitErrors?: number;
  /** Keep only errors of these codes or tags (`type-error`, `#row`). */
  pickErrors?: readonly string[];
  /** Drop errors of these codes or tags. */
  skipErrors?: readonly string[];
  /** Data rows to check per table (the rest is not read); 0 or absent: all. */
  limitRows?: number;
  /** Custom checks, resolved by the names schemas give in `custom_checks`. */
  checks?: CheckRegistry;
  /**
   * The module that exports `checks`, for the worker threads: with it, a big CSV table whose
   * schema declares custom checks is checked in chunks too; without it, row by row on one thread.
   */
  checksModule?: CheckModule;
  /** Folder against which relative resource paths resolve (the datapackage.json's folder). Default: the working directory. */
  basePath?: string;
  /** Compute the md5 and sha256 of every table file, as frictionless-py does (`stats.md5`, `stats.sha256`), whatever hash its resource declares. */
  hashes?: boolean;
  /**
   * Big local CSV files are checked in chunks by worker threads (same report as row by row).
   * `false` turns it off; the defaults: one thread per core up to 4, files of 32 MB and
   * more, chunks of 1 MB.
   */
  parallel?: false | { threads?: number; minBytes?: number; chunkBytes?: number };
  /**
   * A CSV table that is not checked in chunks is still read as byte spans on this thread when
   * its dialect allows (same report). `false` reads it as text, with the reference tokenizer
   * (slower): to compare the two readers.
   */
  spans?: false;
  /** What a table may hold before reading stops with a `source-error` (defaults: `DEFAULT_READ_LIMITS`). */
  limits?: Partial<ReadLimits>;
  /** Stops the validation (it then rejects with the signal's reason): checked between batches of rows. */
  signal?: AbortSignal;
  /** Called after each batch of rows, so that a terminal can show how far a long validation is. */
  onProgress?: (progress: ValidationProgress) => void;
}

export interface ValidationProgress {
  /** Resource name. */
  resource: string;
  rows: number;
  bytes: number;
  /** Size of the source when known (a local file), to show a percentage. */
  expectedBytes?: number;
}

export const DEFAULT_LIMIT_ERRORS = 1000;

/** The options that decide which errors a collector keeps: what a worker thread's or a batch's own collector applies. */
export function errorOptions({ limitErrors, pickErrors, skipErrors }: ValidateOptions): Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors"> {
  return { ...(limitErrors === undefined ? {} : { limitErrors }), ...(pickErrors ? { pickErrors } : {}), ...(skipErrors ? { skipErrors } : {}) };
}
