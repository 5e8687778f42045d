import type { FileHandle } from "node:fs/promises";
import { CsvProblem } from "../../table/csv-guard.ts";
import { firstChunkBytes, readPiece, readRange, type ParallelPlan, type Piece } from "./chunk-plan.ts";
import { recordEnd } from "./record-end.ts";

/**
 * Reads a table file for its chunks: in pieces, in file order, each cut after a line feed
 * (`next`), counting the bytes read on the way; a piece read again (`range`) does not count again.
 * When a cut fell inside a record longer than the next piece, reading restarts at that record
 * and takes it whole (`restartAt`).
 */
export class PieceReader {
  /** The last piece was read. */
  done: boolean;
  /** Bytes read from the file: what the row-by-row reader would report, read-ahead included. */
  bytesRead = 0;
  private from: number;
  /** The next piece holds one record this long, measured by `recordEnd`: it is read whole. */
  private recordBytes = 0;
  /** Bytes asked for the next piece: from `FIRST_CHUNK_BYTES`, doubled each piece up to the plan's chunk size. */
  private want: number;

  /**
   * @param allocate buffers for the pieces handed to the checkers (`ChunkWorkers.allocate`);
   * the plan's first piece (`head`) counts as read at once.
   */
  constructor(
    private readonly handle: FileHandle,
    private readonly plan: ParallelPlan,
    private readonly allocate: (size: number) => Uint8Array,
  ) {
    this.from = plan.head.end;
    this.done = plan.head.last;
    this.want = firstChunkBytes(plan.chunkBytes);
    this.count(plan.head);
  }

  /** Where the next piece starts. */
  get position(): number {
    return this.from;
  }

  /** The next piece; a problem in place of a record too long to cut (then reading is done). */
  async next(): Promise<Piece | CsvProblem> {
    const piece = await this.read();
    if (piece instanceof CsvProblem) {
      this.done = true;
      return piece;
    }
    this.from = piece.end;
    this.done = piece.last;
    return this.count(piece);
  }

  /** Bytes [start, end) read again, in a buffer of their own; not counted again. */
  range(start: number, end: number, last: boolean): Promise<Piece> {
    return readRange(this.handle, start, end, last);
  }

  /** Where the record that starts at `start` ends, or what stops the tokenizer in it. */
  recordEnd(start: number): Promise<number | CsvProblem> {
    return problemOr(recordEnd(this.handle, start, this.plan.size, this.plan.format));
  }

  /** Reading goes on from `start`, where a record of `recordBytes` bytes starts. */
  restartAt(start: number, recordBytes: number): void {
    this.from = start;
    this.done = false;
    this.recordBytes = recordBytes;
  }

  private async read(): Promise<Piece | CsvProblem> {
    const { handle, plan, from } = this;
    if (this.recordBytes === 0) {
      this.want = Math.min(plan.chunkBytes, 2 * this.want);
      const piece = await readPiece(handle, from, this.want, plan.size, this.allocate);
      if (piece !== undefined) return piece;
    }
    // A record longer than a chunk: as long as it is (a quote that never closes: what it is).
    const end = this.recordBytes > 0 ? from + this.recordBytes : await this.recordEnd(from);
    this.recordBytes = 0;
    return typeof end === "number" ? readRange(handle, from, end, end >= plan.size, this.allocate) : end;
  }

  private count(piece: Piece): Piece {
    this.bytesRead = Math.max(this.bytesRead, piece.end);
    return piece;
  }
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
