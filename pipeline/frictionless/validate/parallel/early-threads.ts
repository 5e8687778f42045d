import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { compressionOf, formatOfName } from "../../table/table-name.ts";
import type { ValidateOptions } from "../options.ts";
import { ChunkWorkers } from "./worker-pool.ts";

// Which table files are checked in chunks, as far as the file alone says, and the threads
// started for them before anything else is loaded. Light on purpose: the `aap` command loads it
// (through the core's second entry, early.ts) before the core itself, so that the threads boot
// on the other cores while this one loads the program and reads the schema.

/** Below this size a table is checked row by row: starting threads would cost more than they save. */
export const DEFAULT_MIN_BYTES = 32 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/**
 * At most this many checking threads: beyond, the calling thread, which takes every chunk's keys,
 * would hold the others back (an estimate: the machines here have 2 cores).
 */
const MAX_THREADS = 4;

/** Threads that check a big table's chunks: one per core, up to 4, the calling thread's included. */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/** Worker threads to start for `threads` checkers: the calling thread is one of them. */
export function workerThreads(threads: number): number {
  return threads - 1;
}

/** How a table file would be cut, as far as its name and the options say. */
export interface Cuttable {
  format: "csv" | "tsv";
  threads: number;
  minBytes: number;
  chunkBytes: number;
}

/**
 * What the file alone decides, before its schema or dialect is known (a local CSV or TSV file,
 * uncompressed, no row limit): its format and how it would be cut, else undefined.
 */
export function cuttableFile(location: string, format: string | undefined, compression: string | undefined, options: ValidateOptions): Cuttable | undefined {
  if (options.parallel === false || options.limitRows) return undefined;
  const threads = options.parallel?.threads ?? defaultThreads();
  if (threads < 2 || compressionOf(location, compression).compression !== undefined) return undefined;
  const kind = format?.toLowerCase() ?? formatOfName(location);
  if (kind !== "csv" && kind !== "tsv") return undefined;
  return { format: kind, threads, minBytes: options.parallel?.minBytes ?? DEFAULT_MIN_BYTES, chunkBytes: Math.max(1, options.parallel?.chunkBytes ?? DEFAULT_CHUNK_BYTES) };
}

/**
 * Starts the worker threads for a local table file that will likely be checked in chunks (CSV or
 * TSV, uncompressed, big), before its schema is read: they load their code meanwhile. At once,
 * not after an await: a caller that goes on with synchronous work (loading modules) would
 * otherwise hold them back. The table's plan takes them (`ChunkWorkers.spawn`), as does a second
 * call for as many threads; `dropEarlyThreads` stops them when none did. Returns the threads, if any.
 */
export function startThreadsEarly(path: string, format: string | undefined, options: Pick<ValidateOptions, "parallel" | "limitRows">): ChunkWorkers | undefined {
  const cuttable = cuttableFile(path, format, undefined, options);
  if (cuttable === undefined) return undefined;
  let size: number | undefined;
  try {
    size = statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    // Unreadable: the table's reader says why.
  }
  if (size === undefined || size < cuttable.minBytes) return undefined;
  return ChunkWorkers.startEarly(workerThreads(cuttable.threads));
}

/** Stops the threads `startThreadsEarly` started that no table took. */
export function dropEarlyThreads(): Promise<void> {
  return ChunkWorkers.dropEarly();
}
