import { open, type FileHandle } from "node:fs/promises";
import { createError, type ValidationError } from "../../errors/index.ts";
import { Digests } from "../../table/digests.ts";
import { CsvProblem } from "../../table/csv-guard.ts";
import { csvProblemError } from "../../table/csv-reader.ts";
import { SAMPLE_AFTER, SAMPLE_BEFORE } from "../../table/decode.ts";
import { encodingReadError } from "../../table/read-error.ts";
import type { DigestAlgorithm, ReadStats } from "../../table/types.ts";
import type { ErrorCollector } from "../error-collector.ts";
import { findingType, type KeyChecks, type KeyFinding } from "../key-checks.ts";
import { ChunkChecker, type ChunkResult, type ChunkSetup } from "./check-chunk.ts";
import { readPiece, readRange, type ParallelPlan, type Piece } from "./chunk-plan.ts";
import { recordEnd } from "./record-end.ts";
import type { StopCheck } from "../stop-check.ts";
import type { ChunkWorkers } from "./worker-pool.ts";

export interface ParallelRun {
  plan: ParallelPlan;
  /** Spawned when the plan was made; closed here. */
  workers: ChunkWorkers;
  /** Checked between chunks: a stop request ends the run (and its threads). */
  stop?: StopCheck;
  setup: ChunkSetup;
  /** The table's key checks: their sets live here, on the calling thread. */
  keys: KeyChecks;
  errors: ErrorCollector;
  place: string;
  /** Digests of the file to compute on the way (it is read once, in order, by this thread). */
  digests: DigestAlgorithm[];
  onProgress?: (rows: number, bytes: number) => void;
}

export interface ParallelOutcome {
  rows: number;
  /** Bytes read from the file, and its digests when it was read whole. */
  stats: ReadStats;
  /** Every row was checked (no error limit, no unreadable byte stopped it). */
  complete: boolean;
}

/** Rows whose key-set slots are fetched ahead at once: enough misses to overlap, few enough to stay in cache. */
const PREFETCH_ROWS = 256;

interface Chunk extends Piece {
  result: Promise<ChunkResult>;
}

/** A merged chunk: where its rows are, to read them again for the errors of key checks. */
interface Merged {
  piece: Omit<Piece, "bytes">;
  first: boolean;
  /** Row number of the chunk's record 0: its rows are base + their number in the chunk. */
  base: number;
}

/** A key check error waiting for its row's cells: pushed in its place, filled in at the end. */
interface Deferred {
  error: ValidationError;
  finding: KeyFinding;
  chunk: Merged;
}

/**
 * Checks a big CSV file in chunks on worker threads, with the same errors, in the same order,
 * as reading it row by row: workers cast and check each row's cells and hash its keys; this
 * thread takes the chunks in file order, feeds the key hashes to the key sets and merges the
 * errors row by row, stopping at the error limit where a sequential read would stop.
 *
 * Chunks are cut after a line feed, assuming it ends a record; a chunk whose parse ends inside
 * a quoted cell says so, and the next chunk is then read again from the start of that record
 * (past its end, measured on this thread, when it is longer than the next chunk: a quote that
 * never closes is found in one read of the file, as when it is read row by row).
 */
export async function validateInParallel(run: ParallelRun): Promise<ParallelOutcome> {
  const { plan, setup, keys, errors, workers } = run;
  const handle = await open(plan.path);
  await workers.configure(setup);
  const queue: Chunk[] = [];
  const deferred: Deferred[] = [];
  let nextId = 0;
  let readFrom = plan.head.end;
  let readAll = plan.head.last;
  /** The next chunk holds one record this long, measured by `recordEnd`: it is read whole. */
  let recordBytes = 0;
  /** Bytes read from the file: chunks may be read again, never digested again. */
  let readTo = 0;
  let base = 0;
  let rows = 0;
  let first = true;
  let complete = false;
  const digests = new Digests(run.digests);
  const digest = (piece: Piece): Piece => {
    if (piece.end > readTo) digests.update(piece.bytes.subarray(Math.max(0, readTo - piece.start)));
    readTo = Math.max(readTo, piece.end);
    return piece;
  };

  const dispatch = (piece: Piece, isFirst: boolean): Chunk => {
    const result = workers.check({ id: nextId++, bytes: piece.bytes, first: isFirst, last: piece.last });
    // Results of chunks dropped after a bad cut, or after the merge stopped, are not awaited.
    result.catch(() => undefined);
    return { ...piece, bytes: new Uint8Array(0), result };
  };
  const defer = (finding: KeyFinding, chunk: Merged): void => {
    const error = createError(findingType(finding), { rowNumber: finding.rowNumber });
    if (errors.push(error)) deferred.push({ error, finding, chunk });
  };
  /** The next piece of the file, cut after a line feed; a problem in place of a record too long to cut. */
  const nextPiece = async (): Promise<Piece | CsvProblem> => {
    const allocate = (size: number): Uint8Array => workers.allocate(size);
    if (recordBytes === 0) {
      const piece = await readPiece(handle, readFrom, plan.chunkBytes, plan.size, allocate);
      if (piece !== undefined) return piece;
    }
    // A record longer than a chunk: as long as it is (a quote that never closes: what it is).
    const end = recordBytes > 0 ? readFrom + recordBytes : await problemOr(recordEnd(handle, readFrom, plan.size, setup.format));
    recordBytes = 0;
    return typeof end === "number" ? readRange(handle, readFrom, end, end >= plan.size, allocate) : end;
  };

  try {
    queue.push(dispatch(digest(plan.head), true));
    for (;;) {
      await run.stop?.check();
      while (queue.length < workers.window && !readAll) {
        const piece = await nextPiece();
        if (piece instanceof CsvProblem) {
          queue.push({ start: readFrom, end: readFrom, last: true, bytes: new Uint8Array(0), result: Promise.resolve(problemResult(piece)) });
          readAll = true;
          break;
        }
        queue.push(dispatch(digest(piece), false));
        readFrom = piece.end;
        readAll = piece.last;
      }
      const chunk = queue.shift() as Chunk;
      const result = await chunk.result;
      let problem = result.problem;
      if (result.unfinishedBytes > 0) {
        // The next chunk was cut inside a record: read it again from where the record starts,
        // and further when the record goes on past it.
        const from = chunk.end - result.unfinishedBytes;
        const end = await problemOr(recordEnd(handle, from, plan.size, setup.format));
        const next = queue[0];
        if (typeof end !== "number") problem = end;
        else if (next !== undefined && end <= next.end) queue[0] = dispatch(await readRange(handle, from, next.end, next.last), false);
        else {
          queue.length = 0;
          [readFrom, readAll, recordBytes] = [from, false, end - from];
        }
      }
      const at: Merged = { piece: { start: chunk.start, end: chunk.end - result.unfinishedBytes, last: chunk.last }, first, base };
      first = false;
      if (at.first) keys.reserve(Math.ceil(((result.records * plan.size) / Math.max(1, chunk.end)) * 1.1));
      const checked = mergeChunk(result, at, keys, errors, defer);
      rows += checked;
      run.onProgress?.(rows, chunk.end);
      if (errors.full) break;
      if (result.stopped) throw new Error(`${run.place}: a validation worker stopped at its error limit but the merged errors did not reach it`);
      if (result.badByteOffset !== undefined) {
        const at = chunk.start + result.badByteOffset;
        // The chunk's bytes went to its thread: read those around the bad byte again, for the guess.
        const near = await readRange(handle, Math.max(0, at - SAMPLE_BEFORE), at + SAMPLE_AFTER, false);
        const bad = { sample: near.bytes, sampleAt: at - near.start };
        errors.push(encodingReadError(at, setup.format.encoding, run.place, base + result.records + 1, bad).error);
        break;
      }
      if (problem !== undefined) {
        errors.push(csvProblemError(problem, base + result.records + 1, setup.format.limits, run.place).error);
        break;
      }
      base += result.records;
      if (chunk.last) {
        complete = true;
        break;
      }
    }
    await fillDeferred(deferred, setup, keys, handle);
  } finally {
    await workers.close();
    await handle.close();
  }
  const hashes = complete ? digests.hex() : {};
  // As when reading row by row: the bytes read from the file, including what was read ahead.
  return { rows, stats: { bytes: readTo, hashes }, complete };
}

/** What a promise gives, or the `CsvProblem` it rejects with. */
async function problemOr<T>(promise: Promise<T>): Promise<T | CsvProblem> {
  try {
    return await promise;
  } catch (cause) {
    if (cause instanceof CsvProblem) return cause;
    throw cause;
  }
}

/** A chunk that holds no row, only the problem of the record it starts with. */
function problemResult(problem: CsvProblem): ChunkResult {
  return { id: -1, records: 0, unfinishedBytes: 0, stopped: false, problem, rowNumbers: new Uint32Array(0), hashes: new Int32Array(0), errors: [] };
}

/** Merges a chunk's errors and key checks, row by row; returns the rows taken (fewer once the error limit is reached). */
function mergeChunk(result: ChunkResult, chunk: Merged, keys: KeyChecks, errors: ErrorCollector, defer: (finding: KeyFinding, chunk: Merged) => void): number {
  const width = 2 * keys.width;
  const cellErrors = result.errors;
  const found = (finding: KeyFinding): void => defer(finding, chunk);
  let e = 0;
  let k = 0;
  while (k < result.rowNumbers.length) {
    const local = result.rowNumbers[k] as number;
    const rowNumber = chunk.base + local;
    for (; e < cellErrors.length && cellErrors[e]?.rowNumber === local; e++) {
      const error = cellErrors[e] as ValidationError;
      // Rebuilt, not patched: the message quotes the row number.
      errors.push(createError(error.type, { ...error, rowNumber }));
    }
    if (width > 0) {
      if (k % PREFETCH_ROWS === 0) keys.prefetch(result.hashes, k * width, Math.min(PREFETCH_ROWS, result.rowNumbers.length - k));
      keys.checkRow(result.hashes, k * width, rowNumber, found);
    }
    k++;
    if (errors.full) break;
  }
  return k;
}

/** Builds the deferred key errors from their rows, read again chunk by chunk (there are at most `limitErrors` of them). */
async function fillDeferred(deferred: Deferred[], setup: ChunkSetup, keys: KeyChecks, handle: FileHandle): Promise<void> {
  if (deferred.length === 0) return;
  const checker = new ChunkChecker(setup);
  const byChunk = new Map<Merged, Deferred[]>();
  for (const item of deferred) byChunk.set(item.chunk, [...(byChunk.get(item.chunk) ?? []), item]);
  for (const [chunk, items] of byChunk) {
    const piece = await readRange(handle, chunk.piece.start, chunk.piece.end, chunk.piece.last);
    const rows = await checker.values({ id: -1, bytes: piece.bytes, first: chunk.first, last: chunk.piece.last }, new Set(items.map((item) => item.finding.rowNumber - chunk.base)));
    for (const { error, finding } of items) {
      const row = rows.get(finding.rowNumber - chunk.base);
      if (row === undefined) throw new Error(`row ${finding.rowNumber} was not found again in its chunk`);
      const [type, props] = keys.keyError(finding, row.values, row.cells);
      // The placeholder already holds the error's place in the report: fill it in.
      Object.assign(error, createError(type, props));
    }
  }
}
