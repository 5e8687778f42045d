import { open } from "node:fs/promises";
import { createError, type ValidationError } from "../../errors/index.ts";
import { CsvProblem } from "../../table/csv-guard.ts";
import { csvProblemError } from "../../table/csv-reader.ts";
import { SAMPLE_AFTER, SAMPLE_BEFORE } from "../../table/decode.ts";
import { encodingReadError } from "../../table/read-error.ts";
import type { DigestAlgorithm, ReadStats } from "../../table/types.ts";
import type { ErrorCollector } from "../error-collector.ts";
import type { KeyChecks } from "../key-checks.ts";
import { chunkResult, type ChunkChecker, type ChunkJob, type ChunkResult, type ChunkSetup } from "./check-chunk.ts";
import type { ParallelPlan, Piece } from "./chunk-plan.ts";
import { ChunksMerge, type Merged } from "./merge-chunk.ts";
import { PieceReader } from "./piece-reader.ts";
import { estimateRows } from "../row-by-row.ts";
import type { StopCheck } from "../stop-check.ts";
import type { ChunkWorkers } from "./worker-pool.ts";

export interface ParallelRun {
  plan: ParallelPlan;
  /** Spawned when the plan was made; closed here. */
  workers: ChunkWorkers;
  /** The calling thread's checker: it checks chunks too, while it waits for the workers' results. */
  local: ChunkChecker;
  /** Checked between chunks: a stop request ends the run (and its threads). */
  stop?: StopCheck;
  setup: ChunkSetup;
  /** The table's key checks: their sets live here, on the calling thread. */
  keys: KeyChecks;
  errors: ErrorCollector;
  place: string;
  /** Digests of the file to report once it was read whole: computed by one of the checker threads (`FileDigest`). */
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

interface Chunk extends Piece {
  /** Its check: a worker's, or this thread's once it took the chunk. */
  result: Promise<ChunkResult> | undefined;
  /** The chunk, while it waits for this thread to check it. */
  job: ChunkJob | undefined;
  /** Its result came (or its check failed). */
  settled: boolean;
}

/**
 * Chunks this thread may have checked ahead of the merge, while the next chunk in file order
 * is a worker's: their results hold no bytes (~100 KB each for the bench table's rows), but
 * the bytes read ahead count in the stats of a read stopped early.
 */
const CHECKED_AHEAD = 8;

/**
 * Checks a big CSV file in chunks on worker threads and on this one, with the same errors, in
 * the same order, as reading it row by row: checkers cast and check each row's cells and hash
 * its keys; this thread takes the chunks in file order, feeds the key hashes to the key sets
 * and merges the errors row by row, stopping at the error limit where a sequential read would stop.
 *
 * The workers come first: each keeps a chunk in hand and one waiting (`ChunkWorkers.hasRoom`).
 * A chunk read while they are all served waits for this thread, which checks it whenever the
 * next result in file order has not come: while the workers start, and between merges. One
 * worker thread fewer than checkers: on 2 cores, a second worker cost ~0.3 s more CPU than the
 * calling thread checking chunks in its idle time (its start, its compilations, its messages).
 *
 * Chunks are cut after a line feed, assuming it ends a record; a chunk whose parse ends inside
 * a quoted cell says so, and the next chunk is then read again from the start of that record
 * (past its end, measured on this thread, when it is longer than the next chunk: a quote that
 * never closes is found in one read of the file, as when it is read row by row).
 */
export async function validateInParallel(run: ParallelRun): Promise<ParallelOutcome> {
  const handle = await open(run.plan.path);
  try {
    await run.workers.configure(run.setup);
    // Not on the merging thread, which has none of its time to spare.
    const digesting = run.digests.length > 0;
    if (digesting) run.workers.startDigest({ path: run.plan.path, size: run.plan.size, algorithms: run.digests });
    const outcome = await new ChunkMerge(run, new PieceReader(handle, run.plan, (size) => run.workers.allocate(size)), digesting).mergeAll();
    if (outcome.complete && digesting) outcome.stats.hashes = await digestsOf(run.workers, outcome.stats.bytes, run.errors);
    return outcome;
  } finally {
    await run.workers.close();
    await handle.close();
  }
}

/**
 * The checker thread's digests, when it read the very bytes the chunks were read from; else none,
 * and the task says the file changed under it (as a read error would, not as a crash).
 */
async function digestsOf(workers: ChunkWorkers, bytesRead: number, errors: ErrorCollector): Promise<ReadStats["hashes"]> {
  const { bytes, hashes } = await workers.digests();
  if (bytes === bytesRead) return hashes;
  errors.push(createError("source-error", { note: `the file changed while it was validated (${bytesRead} bytes read for the rows, ${bytes} for the hashes): validate it again once nothing writes to it` }));
  return {};
}

/** After a chunk: take the next one, or the merge ended, with every row checked or before. */
type Taken = "next" | "complete" | "stopped";

/** One run's chunks: dispatched to the checkers ahead, taken back in file order. */
class ChunkMerge {
  /** Chunks dispatched, in file order. */
  private readonly queue: Chunk[] = [];
  private readonly merged: ChunksMerge;
  private nextId = 0;
  /** Records of the chunks taken so far: row numbers of the next chunk count from here. */
  private base = 0;
  private reserved = false;

  constructor(
    private readonly run: ParallelRun,
    private readonly reader: PieceReader,
    private readonly digesting: boolean,
  ) {
    this.merged = new ChunksMerge(run.setup, run.keys, run.errors);
  }

  async mergeAll(): Promise<ParallelOutcome> {
    this.queue.push(this.dispatch(this.run.plan.head, true));
    let taken: Taken;
    do {
      await this.run.stop?.check();
      await this.fillWindow();
      await this.checkHereWhileWaiting();
      taken = await this.takeNext();
    } while (taken === "next");
    await this.merged.fillDeferred(this.reader);
    const complete = taken === "complete";
    // As when reading row by row: the bytes read from the file, including what was read ahead.
    return { rows: this.merged.rows, stats: { bytes: this.reader.bytesRead, hashes: {} }, complete };
  }

  /** Dispatches pieces until every worker has its share and one waits for this thread, or the file is read. */
  private async fillWindow(): Promise<void> {
    const { workers } = this.run;
    while (!this.reader.done && this.queue.length < workers.window + CHECKED_AHEAD && (workers.hasRoom() || !this.queue.some(isWaiting))) {
      const at = this.reader.position;
      const piece = await this.reader.next();
      if (piece instanceof CsvProblem) {
        this.queue.push({ start: at, end: at, last: true, bytes: new Uint8Array(0), result: Promise.resolve(problemResult(piece)), job: undefined, settled: true });
        return;
      }
      this.reserveKeys(piece);
      this.queue.push(this.dispatch(piece, false));
    }
  }

  /**
   * Sizes the key sets once, from the first whole chunk's line feeds (the first chunk is too
   * small to tell), before its rows are merged: resized later, with rows in them, the sets were
   * rewritten while both threads waited for their next chunk (~100 ms on the 1M-row bench).
   */
  private reserveKeys(piece: Piece): void {
    if (this.reserved || (piece.end < this.run.plan.chunkBytes && !piece.last)) return;
    this.run.keys.reserve(rowsFromPiece(piece, this.run.plan.size));
    this.reserved = true;
  }

  /**
   * Checks the chunks that wait for this thread while the next result in file order has not
   * come, reading more as the workers take theirs; between two, the workers' answers are taken in.
   */
  private async checkHereWhileWaiting(): Promise<void> {
    for (;;) {
      const waiting = this.queue.find(isWaiting);
      if (waiting === undefined || (this.queue[0] as Chunk).settled) return;
      // A failed check is told when its chunk's turn comes, as a worker's is.
      await this.checkHere(waiting).catch(() => undefined);
      await new Promise(setImmediate);
      await this.fillWindow();
    }
  }

  /** Checks a chunk on this thread; its buffer is read into again. */
  private checkHere(chunk: Chunk): Promise<ChunkResult> {
    const job = chunk.job as ChunkJob;
    chunk.job = undefined;
    chunk.bytes = new Uint8Array(0);
    const result = this.run.local.check(job);
    this.track(chunk, result);
    return result.finally(() => this.run.workers.recycle(job.bytes));
  }

  /** Merges the next chunk in file order; says whether to go on, or why the merge ends. */
  private async takeNext(): Promise<Taken> {
    const { errors, setup, place } = this.run;
    const chunk = this.queue.shift() as Chunk;
    const result = await (chunk.job === undefined ? (chunk.result as Promise<ChunkResult>) : this.checkHere(chunk));
    const cutProblem = result.unfinishedBytes > 0 ? await this.readCutRecordAgain(chunk.end - result.unfinishedBytes) : undefined;
    this.merge(chunk, result);
    if (errors.full) return "stopped";
    if (result.stopped) throw new Error(`${place}: a validation worker stopped at its error limit but the merged errors did not reach it`);
    const rowNumber = this.base + result.records + 1;
    if (result.badByteOffset !== undefined) {
      errors.push(await this.badByteError(chunk.start + result.badByteOffset, rowNumber));
      return "stopped";
    }
    const problem = cutProblem ?? result.problem;
    if (problem !== undefined) {
      errors.push(csvProblemError(problem, rowNumber, setup.format.limits, place).error);
      return "stopped";
    }
    this.base += result.records;
    return chunk.last ? "complete" : "next";
  }

  /**
   * The next chunk was cut inside the record that starts at `from`: it is dispatched again from
   * there or, when the record goes on past it, reading restarts there. Returns what stops the
   * tokenizer in that record, if anything.
   */
  private async readCutRecordAgain(from: number): Promise<CsvProblem | undefined> {
    const end = await this.reader.recordEnd(from);
    if (typeof end !== "number") return end;
    const next = this.queue[0];
    if (next !== undefined && end <= next.end) {
      this.queue[0] = this.dispatch(await this.reader.range(from, next.end, next.last), false);
    } else {
      this.queue.length = 0;
      this.reader.restartAt(from, end - from);
    }
    return undefined;
  }

  private merge(chunk: Chunk, result: ChunkResult): void {
    const at: Merged = { piece: { start: chunk.start, end: chunk.end - result.unfinishedBytes, last: chunk.last }, first: chunk.start === 0, base: this.base };
    this.merged.merge(result, at);
    this.run.onProgress?.(this.merged.rows, chunk.end);
  }

  /** An undecodable byte's error: its chunk's bytes went to a thread, those around it are read again for the guess. */
  private async badByteError(at: number, rowNumber: number): Promise<ValidationError> {
    const near = await this.reader.range(Math.max(0, at - SAMPLE_BEFORE), at + SAMPLE_AFTER, false);
    const bad = { sample: near.bytes, sampleAt: at - near.start };
    return encodingReadError(at, this.run.setup.format.encoding, this.run.place, rowNumber, bad).error;
  }

  /** Hands a piece to a worker with room for it, or keeps it for this thread to check. */
  private dispatch(piece: Piece, first: boolean): Chunk {
    if (this.digesting) this.run.workers.digestTo(this.reader.bytesRead);
    const job: ChunkJob = { id: this.nextId++, bytes: piece.bytes, first, last: piece.last };
    if (!this.run.workers.hasRoom()) return { ...piece, result: undefined, job, settled: false };
    const chunk: Chunk = { ...piece, bytes: new Uint8Array(0), result: undefined, job: undefined, settled: false };
    // A worker's result, copied from its message, takes the shape of this thread's (see `chunkResult`).
    this.track(chunk, this.run.workers.check(job).then(chunkResult));
    return chunk;
  }

  private track(chunk: Chunk, result: Promise<ChunkResult>): void {
    chunk.result = result;
    // Results of chunks dropped after a bad cut, or after the merge stopped, are not awaited.
    const settle = (): void => {
      chunk.settled = true;
    };
    result.then(settle, settle);
  }
}

/**
 * Rows a file of `size` bytes may hold, from a piece's line feeds: an estimate (a quoted cell
 * may hold line feeds), which the key sets' cap bounds.
 */
export function rowsFromPiece(piece: Piece, size: number): number {
  let lineFeeds = 0;
  for (let at = piece.bytes.indexOf(0x0a); at !== -1; at = piece.bytes.indexOf(0x0a, at + 1)) lineFeeds++;
  return estimateRows(lineFeeds, Math.max(1, piece.end - piece.start), size);
}

function isWaiting(chunk: Chunk): boolean {
  return chunk.job !== undefined;
}

/** A chunk that holds no row, only the problem of the record it starts with. */
function problemResult(problem: CsvProblem): ChunkResult {
  return chunkResult({ id: -1, records: 0, unfinishedBytes: 0, stopped: false, problem, rowNumbers: new Uint32Array(0), hashes: new Int32Array(0), errors: [], checkOutputs: [] });
}
