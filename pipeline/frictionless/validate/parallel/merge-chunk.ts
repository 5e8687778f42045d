import { createError, type ValidationError } from "../../errors/index.ts";
import { checkThrewError, type CheckOutput } from "../custom-checks.ts";
import type { ErrorCollector } from "../error-collector.ts";
import { findingType, type KeyChecks, type KeyFinding } from "../key-checks.ts";
import { ChunkChecker, type ChunkCheckOutput, type ChunkResult, type ChunkSetup } from "./check-chunk.ts";
import type { Piece } from "./chunk-plan.ts";
import type { PieceReader } from "./piece-reader.ts";

/** Where a merged chunk's bytes are read again, for the rows of its key errors. */
export type PieceSource = Pick<PieceReader, "range">;

/**
 * Checked chunks merged in file order into the table's key sets and errors, as a read of the
 * rows one at a time would report them (`mergeChunk`); the key errors wait for their rows'
 * cells (`fillDeferred`). Custom checks that threw are stopped from then on, though later
 * chunks were checked meanwhile.
 */
export class ChunksMerge {
  /** Rows merged so far. */
  rows = 0;
  private deferred: Deferred[] = [];
  private readonly failedChecks = new Set<number>();

  /** `checkNames`: the custom checks' names, by their position (default: those `setup` sends to the threads). */
  constructor(
    private readonly setup: ChunkSetup,
    private readonly keys: KeyChecks,
    private readonly errors: ErrorCollector,
    private readonly checkNames: readonly string[] = setup.checks?.declared.map(({ name }) => name) ?? [],
  ) {}

  /** Merges a chunk's rows; returns how many were taken (fewer once the error limit is reached). */
  merge(result: ChunkResult, chunk: Merged): number {
    const taken = mergeChunk(result, chunk, this.keys, this.errors, this.defer, this.customOutput);
    this.rows += taken;
    return taken;
  }

  /** Fills in the key errors merged so far, their rows read again from `reader`. */
  async fillDeferred(reader: PieceSource): Promise<void> {
    const deferred = this.deferred;
    this.deferred = [];
    await fillDeferred(deferred, this.setup, this.keys, reader);
  }

  /** A custom check's output on a chunk's row (numbered in the file from `base`); nothing once the check threw. */
  private readonly customOutput = (output: CheckOutput, base: number): void => {
    if (this.failedChecks.has(output.check)) return;
    const inFile = (local: number | undefined): number | undefined => (local === undefined ? undefined : base + local);
    if ("error" in output) {
      const { error } = output;
      // Rebuilt, not patched: the message quotes the row number.
      this.errors.push(error.rowNumber === undefined ? error : createError(error.type, { ...error, rowNumber: base + error.rowNumber }));
      return;
    }
    this.failedChecks.add(output.check);
    const name = this.checkNames[output.check] ?? "";
    this.errors.push(checkThrewError(name, output.threw, inFile(output.rowNumber)));
  };

  /** A key check error waits for its row's cells, read again later: it is pushed now, in its place. */
  private readonly defer = (finding: KeyFinding, chunk: Merged): void => {
    const error = createError(findingType(finding), { rowNumber: finding.rowNumber });
    if (this.errors.push(error)) this.deferred.push({ error, finding, chunk });
  };
}

/** Rows whose key-set slots are fetched ahead at once: enough misses to overlap, few enough to stay in cache. */
const PREFETCH_ROWS = 256;

/** A merged chunk: where its rows are, to read them again for the errors of key checks. */
export interface Merged {
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

/** Merges a chunk's errors and key checks, row by row; returns the rows taken (fewer once the error limit is reached). */
function mergeChunk(
  result: ChunkResult,
  chunk: Merged,
  keys: KeyChecks,
  errors: ErrorCollector,
  defer: (finding: KeyFinding, chunk: Merged) => void,
  custom: (output: CheckOutput, base: number) => void,
): number {
  const width = 2 * keys.width;
  const cellErrors = result.errors;
  const outputs = result.checkOutputs;
  const found = (finding: KeyFinding): void => defer(finding, chunk);
  let e = 0;
  let c = 0;
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
    // As row by row: the custom checks' errors after the row's key errors.
    for (; c < outputs.length && outputs[c]?.row === local; c++) custom((outputs[c] as ChunkCheckOutput).output, chunk.base);
    k++;
    if (errors.full) break;
  }
  return k;
}

/** Builds the deferred key errors from their rows, read again chunk by chunk (there are at most `limitErrors` of them). */
async function fillDeferred(deferred: Deferred[], setup: ChunkSetup, keys: KeyChecks, reader: PieceSource): Promise<void> {
  if (deferred.length === 0) return;
  // Only the rows' values are needed: no custom check.
  const { checks: _, ...plain } = setup;
  const checker = await ChunkChecker.create(plain);
  const byChunk = new Map<Merged, Deferred[]>();
  for (const item of deferred) byChunk.set(item.chunk, [...(byChunk.get(item.chunk) ?? []), item]);
  for (const [chunk, items] of byChunk) {
    const piece = await reader.range(chunk.piece.start, chunk.piece.end, chunk.piece.last);
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
