import type { CompiledSchema } from "../field/index.ts";
import type { SourceRow } from "../table/types.ts";
import { checkThrewError, comparesRows, CustomChecks, fieldPositions, type CheckOutput, type StartedCheck } from "./custom-checks.ts";
import { ErrorCollector } from "./error-collector.ts";
import type { KeyChecks, KeyFinding } from "./key-checks.ts";
import type { ValidateOptions } from "./options.ts";
import { RowChecks } from "./row-checks.ts";

/** Rows whose key-set slots are fetched ahead at once, as the parallel merge does. */
const PREFETCH_ROWS = 256;

/**
 * A batch of rows checked with the report of checking them one at a time, in two passes: first
 * every row's cells and custom checks (their errors kept aside) and key hashes; then, row by
 * row, its cell errors, its keys against the key sets, its custom checks' errors, stopping at
 * the error limit on the row a one-pass read stops at. On a big table every key-set lookup is a
 * cache miss: a batch at a time, the slots are fetched ahead together (`KeyChecks.prefetch`)
 * instead of one miss after another. The chunks of the parallel path are merged the same way.
 */
export class BatchChecks {
  private readonly cells: RowChecks;
  /** Checks a row's cells again, for the values of a row whose key check failed (rare): its errors are the first pass's. */
  private readonly again: RowChecks;
  private readonly aside: ErrorCollector;
  private readonly custom: CustomChecks | undefined;
  /** Custom checks' outputs of the batch, with their row's position in it. */
  private readonly outputs: { at: number; output: CheckOutput }[] = [];
  private at = 0;
  private hashes: Int32Array;
  /** Per row of the batch, the end of its errors in `aside`. */
  private ends = new Int32Array(1024);
  private readonly width: number;
  /** The row whose keys are being checked (`onFinding`'s, without a closure per row). */
  private row: SourceRow | undefined;

  constructor(
    compiled: CompiledSchema,
    columns: number[],
    width: number,
    private readonly keys: KeyChecks,
    private readonly errors: ErrorCollector,
    errorOptions: Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors">,
    private readonly started: StartedCheck[],
  ) {
    // The same limit and filters as the table's: once these are full, the table's errors are too.
    this.aside = new ErrorCollector(errorOptions);
    this.cells = new RowChecks(compiled, columns, width, this.aside);
    this.again = new RowChecks(compiled, columns, width, new ErrorCollector({ limitErrors: 0 }));
    // A check that compares rows may keep a row's values until `end()`; otherwise one values array serves every row.
    if (!comparesRows(started)) this.cells.reuseValues();
    this.again.reuseValues();
    this.custom = started.length === 0 ? undefined : new CustomChecks(started, compiled.fields, columns, fieldPositions(compiled.fields), (output) => this.outputs.push({ at: this.at, output }));
    this.width = 2 * keys.width;
    this.hashes = new Int32Array(1024 * this.width);
  }

  /** Checks the first `count` rows of the batch, in order; returns how many were checked (fewer once the error limit is reached). */
  check(batch: readonly SourceRow[], count: number): number {
    return this.secondPass(batch, this.firstPass(batch, count));
  }

  /** After the last row (unless a limit stopped the read): the checks that compare rows report. */
  end(): void {
    if (this.custom === undefined) return;
    this.outputs.length = 0;
    this.custom.end();
    for (const { output } of this.outputs) this.push(output);
  }

  /** Cells, custom checks and key hashes; stops after a row that fills the errors kept aside. */
  private firstPass(batch: readonly SourceRow[], count: number): number {
    const { aside, cells, keys, width, custom } = this;
    aside.clear();
    this.outputs.length = 0;
    if (count > this.ends.length) {
      this.ends = new Int32Array(2 * count);
      this.hashes = new Int32Array(2 * count * width);
    }
    for (let k = 0; k < count; k++) {
      const row = batch[k] as SourceRow;
      const values = cells.checkCells(row);
      if (width > 0) keys.hashRow(values, this.hashes, k * width);
      this.ends[k] = aside.errors.length;
      if (custom) {
        this.at = k;
        custom.row(row.rowNumber, values, row.cells);
      }
      if (aside.full) return k + 1;
    }
    return count;
  }

  private secondPass(batch: readonly SourceRow[], rows: number): number {
    const { errors, keys, width, outputs } = this;
    const aside = this.aside.errors;
    let e = 0;
    let c = 0;
    for (let k = 0; k < rows; k++) {
      const row = batch[k] as SourceRow;
      for (const end = this.ends[k] as number; e < end; e++) errors.push(aside[e] as (typeof aside)[number]);
      if (width > 0) {
        if (k % PREFETCH_ROWS === 0) keys.prefetch(this.hashes, k * width, Math.min(PREFETCH_ROWS, rows - k));
        this.row = row;
        keys.checkRow(this.hashes, k * width, row.rowNumber, this.onFinding);
      }
      for (; c < outputs.length && outputs[c]?.at === k; c++) this.push((outputs[c] as (typeof outputs)[number]).output);
      if (errors.full) return k + 1;
    }
    return rows;
  }

  /** A key check that failed on the row being checked: its error, from the row's values, read again. */
  private readonly onFinding = (finding: KeyFinding): void => {
    const row = this.row as SourceRow;
    const [type, props] = this.keys.keyError(finding, this.again.checkCells(row), row.cells);
    this.errors.add(type, props);
  };

  private push(output: CheckOutput): void {
    this.errors.push("error" in output ? output.error : checkThrewError((this.started[output.check] as StartedCheck).name, output.threw, output.rowNumber));
  }
}
