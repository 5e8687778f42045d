import { createError, type ValidationError } from "../../errors/index.ts";
import type { CheckOutput } from "../custom-checks.ts";
import type { ErrorCollector } from "../error-collector.ts";
import type { KeyChecks, KeyFinding } from "../key-checks.ts";
import { ChunkChecker, type ChunkCheckOutput, type ChunkResult, type ChunkSetup } from "./check-chunk.ts";
import type { Piece } from "./chunk-plan.ts";
import type { PieceReader } from "./piece-reader.ts";

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
export interface Deferred {
  error: ValidationError;
  finding: KeyFinding;
  chunk: Merged;
}

/** Merges a chunk's errors and key checks, row by row; returns the rows taken (fewer once the error limit is reached). */
export function mergeChunk(
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
export async function fillDeferred(deferred: Deferred[], setup: ChunkSetup, keys: KeyChecks, reader: PieceReader): Promise<void> {
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
