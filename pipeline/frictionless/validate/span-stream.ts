import { csvProblemError } from "../table/csv-reader.ts";
import { DecodeFailure, startsWithBom, utf8Pieces } from "../table/decode.ts";
import type { TableStream } from "../table/open-table.ts";
import { encodingReadError, TableReadError } from "../table/read-error.ts";
import type { StartedCheck } from "./custom-checks.ts";
import { errorOptions } from "./options.ts";
import { ChunkChecker, type ChunkSetup } from "./parallel/check-chunk.ts";
import { ChunksMerge, type Merged } from "./parallel/merge-chunk.ts";
import type { ChunkFormat } from "./parallel/read-chunk.ts";
import { reserveKeys } from "./row-by-row.ts";
import type { RowsOutcome, RowsToCheck } from "./row-strategy.ts";

/** What `checkSpanStream` reads: the table's stream (from its start) and how its spans are cut. */
export interface SpanStream {
  format: ChunkFormat;
  bytes: TableStream;
  chunks: AsyncIterable<Uint8Array>;
  /** Whether `chunks` were read to their end. */
  ended: () => boolean;
  /** The table's custom checks, started on this thread. */
  started: StartedCheck[];
}

/**
 * Bytes checked at a time, at least: a file's read (64 KiB) at first, doubled each piece up to
 * 1 MiB. A piece's checks cost something to set up (their byte plans): at 64 KiB a piece, the
 * 1M-row bench table spent about 0.15 s of its 2 s on that. Small first pieces keep a small
 * table's first rows checked early, and the compiler sees the checks run to their end a few
 * times before it optimises them (see chunk-plan.ts).
 */
const FIRST_PIECE_BYTES = 64 * 1024;
const PIECE_BYTES = 1024 * 1024;
/** Bytes of the file as stored read before the key sets are sized (`PieceReading.reserveKeys`). */
const RESERVE_AFTER_BYTES = 16 * 1024 * 1024;

/** After a piece: go on, or the read ended with every row checked, or before. */
type Taken = "next" | "complete" | "stopped";

/**
 * Checks a table's rows from its byte stream, on this thread: the bytes are validated as UTF-8
 * as the text reader validates them (`utf8Pieces`: same errors), cut after a line feed into
 * pieces, each checked by the parallel path's `ChunkChecker` and merged by its `ChunksMerge`:
 * the same cells, keys, custom checks and errors, in the same order, as reading it row by row.
 * A record that a cut splits (a quoted cell holding a line break) goes whole to the next piece.
 */
export async function checkSpanStream(table: RowsToCheck, stream: SpanStream): Promise<RowsOutcome> {
  const { compiled, header, errors, options } = table;
  const foreignKeys = table.foreignKeys.map(({ index: _, ...shape }) => shape);
  const setup: ChunkSetup = { format: stream.format, schema: compiled.schema, columns: header.columns, width: header.width, foreignKeys, errorOptions: errorOptions(options) };
  const reading = new PieceReading(table, stream, setup);
  try {
    await reading.readAll();
  } catch (cause) {
    if (!(cause instanceof TableReadError)) throw cause;
    errors.push(cause.error);
  }
  const stats = stream.bytes.stored.stats();
  // As the text reader: the digests once the rows were read to the stream's end (a read error after it, at the last byte, leaves them), though the first chunks read ahead may hold the whole file.
  if (!stream.ended() || errors.full || reading.stoppedEarly) stats.hashes = {};
  // As the text reader too: an unreadable byte does not make the read incomplete, only the error limit does.
  return { rows: reading.merge.rows, stats, complete: !errors.full };
}

/** One read of the stream's pieces: the records not finished by a piece are carried to the next. */
class PieceReading {
  readonly merge: ChunksMerge;
  /** A record stopped the tokenizer before the stream's end, as the text reader finds it (a limit passed): though read ahead, the stream was not read to its end. */
  stoppedEarly = false;
  private readonly checker: ChunkChecker;
  /** Bytes not checked yet: the start of a record, and what came after it. */
  private carry: Uint8Array = new Uint8Array(0);
  /** Bytes read after `carry`, joined to it when a piece is checked: each byte is copied once. */
  private readonly pending: Uint8Array[] = [];
  /** The buffer the carry is in, and the other one, free. */
  private inUse = new Uint8Array(0);
  private spare = new Uint8Array(0);
  private pendingBytes = 0;
  /** Offset of `carry` in the stream (after the BOM). */
  private start = 0;
  /** Records taken so far, header included: the next piece's rows are numbered from here. */
  private base = 0;
  /** Bytes to hold before the next check: twice a record longer than the last piece, so that it is not cut again and again. */
  private wait = FIRST_PIECE_BYTES;
  /** Bytes the next piece holds at least, unless a record is longer. */
  private pieceBytes = FIRST_PIECE_BYTES;
  private reserved = false;

  constructor(
    private readonly table: RowsToCheck,
    private readonly stream: SpanStream,
    private readonly setup: ChunkSetup,
  ) {
    this.checker = ChunkChecker.withStarted(setup, stream.started);
    this.merge = new ChunksMerge(setup, table.keys, table.errors, stream.started.map(({ name }) => name));
  }

  async readAll(): Promise<Taken> {
    try {
      for await (const bytes of utf8Pieces(this.stream.chunks)) {
        this.take(bytes);
        if (this.carry.length + this.pendingBytes < this.wait) continue;
        this.joinPending();
        const taken = await this.checkCarry(false);
        if (taken !== "next") return taken;
      }
    } catch (cause) {
      if (cause instanceof DecodeFailure) return this.badByte(cause);
      if (!(cause instanceof TableReadError)) throw cause;
      // As the text reader: the records the stream finished before it failed are checked first.
      this.joinPending();
      const taken = await this.checkCarry(false, true);
      if (taken !== "next") return taken;
      throw cause;
    }
    this.joinPending();
    return this.carry.length === 0 ? "complete" : this.checkCarry(true);
  }

  private take(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /**
   * Sizes the key sets from the rows per byte read so far, once enough is read that what the
   * stream read ahead (a `.gz` file's inflater reads a megabyte ahead) no longer skews it: sized
   * from the first 64 KiB, the 1M-row bench table's key sets were resized all the way up (0.11 s).
   */
  private reserveKeys(): void {
    const stats = this.stream.bytes.stored.stats();
    if (this.reserved || stats.expectedBytes === undefined || stats.bytes < Math.min(stats.expectedBytes, RESERVE_AFTER_BYTES)) return;
    reserveKeys(this.table.keys, this.merge.rows, stats);
    this.reserved = true;
  }

  /**
   * Joins the bytes read to the carry, in one of two buffers used in turn: the new piece is
   * written in the one the piece before last used, the last piece's carry copied from the
   * other. A megabyte buffer allocated per piece cost its page faults and collections each time.
   */
  private joinPending(): void {
    if (this.pendingBytes === 0) return;
    const size = this.carry.length + this.pendingBytes;
    // The carry is in the buffer in use (or in a chunk of the stream), never in the spare one.
    const target = this.spare.length >= size ? this.spare : new Uint8Array(Math.max(size, PIECE_BYTES + FIRST_PIECE_BYTES));
    const piece = target.subarray(0, size);
    piece.set(this.carry, 0);
    let at = this.carry.length;
    for (const bytes of this.pending) {
      piece.set(bytes, at);
      at += bytes.length;
    }
    this.spare = this.inUse;
    this.inUse = target;
    this.carry = piece;
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  /**
   * As the text reader does before an undecodable byte: the records the text before it
   * finishes are checked, then the byte's error, unless what stops the tokenizer comes first.
   */
  private async badByte(failure: DecodeFailure): Promise<Taken> {
    this.take(Buffer.from(failure.validText, "utf8"));
    this.joinPending();
    const taken = await this.checkCarry(false, true);
    if (taken !== "next") return taken;
    this.table.errors.push(encodingReadError(failure.byteOffset, this.stream.format.encoding, this.stream.bytes.place, this.base + 1, failure).error);
    return "stopped";
  }

  /**
   * Checks the carried bytes up to their last cut (all of them when `last`); says whether to go
   * on. Bytes without a line feed are checked whole once they are longer than a cell may be: the
   * tokenizer then says what the text reader says of that record. `final`: no byte follows
   * these (the stream failed after them), so they may be cut after their very last byte.
   */
  private async checkCarry(last: boolean, final = false): Promise<Taken> {
    const { carry } = this;
    const cut = last ? carry.length : final ? carry.lastIndexOf(0x0a) + 1 : lastCut(carry) || (carry.length > this.setup.format.limits.maxCellChars ? carry.length : 0);
    if (cut === 0) {
      this.wait = 2 * carry.length;
      return "next";
    }
    return this.checkPiece(carry.subarray(0, cut), last);
  }

  private async checkPiece(piece: Uint8Array, last: boolean): Promise<Taken> {
    const { table, setup } = this;
    const { errors, stop, options } = table;
    await stop.check();
    const first = this.base === 0;
    const result = await this.checker.check({ id: 0, bytes: piece, first, last });
    const end = piece.length - result.unfinishedBytes;
    const at: Merged = { piece: { start: this.start, end: this.start + end, last }, first, base: this.base };
    this.merge.merge(result, at);
    // The rows of the piece's key errors are read again from its bytes, still at hand.
    await this.merge.fillDeferred({ range: async (from, to, isLast) => ({ start: from, end: to, bytes: piece.subarray(from - at.piece.start, to - at.piece.start), last: isLast }) });
    this.reserveKeys();
    if (errors.full) return "stopped";
    if (result.stopped) throw new Error(`${this.stream.bytes.place}: a piece's checks stopped at the error limit but the merged errors did not reach it`);
    if (result.badByteOffset !== undefined) throw new Error(`${this.stream.bytes.place}: a byte validated as UTF-8 did not decode`);
    if (result.problem !== undefined) {
      // Only a quote that never closes waits for the end of the stream to be told.
      this.stoppedEarly = result.problem.kind !== "unclosed-quote";
      errors.push(csvProblemError(result.problem, this.base + result.records + 1, setup.format.limits, this.stream.bytes.place).error);
      return "stopped";
    }
    this.base += result.records;
    this.start += end;
    this.carry = this.carry.subarray(end);
    this.pieceBytes = Math.min(PIECE_BYTES, 2 * this.pieceBytes);
    this.wait = end === 0 ? 2 * this.carry.length : this.pieceBytes;
    if (options.onProgress) {
      const { bytes, expectedBytes } = this.stream.bytes.stored.stats();
      options.onProgress({ resource: table.resource.name, rows: this.merge.rows, bytes, ...(expectedBytes === undefined ? {} : { expectedBytes }) });
    }
    return last ? "complete" : "next";
  }
}

/**
 * Where the bytes are cut: after their last line feed that a BOM does not follow (a piece's
 * checks drop a BOM at its start, as at the start of a file); 0 when there is none. The line
 * feed must have a byte after it, to tell.
 */
function lastCut(bytes: Uint8Array): number {
  const { length } = bytes;
  for (let at = bytes.lastIndexOf(0x0a, length - 2); at !== -1; at = at === 0 ? -1 : bytes.lastIndexOf(0x0a, at - 1)) {
    // Three bytes after the line feed tell; fewer starting with EF may be a BOM's start.
    const maybeBom = bytes[at + 1] === 0xef && (at + 3 >= length || startsWithBom(bytes, at + 1));
    if (!maybeBom) return at + 1;
  }
  return 0;
}
