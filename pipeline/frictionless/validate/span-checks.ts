import { CELL_TEXT, checkBytes, compileByteCheck, NEEDS_TEXT, type BytePlan, type CompiledField, type CompiledSchema } from "../field/index.ts";
import { recordTexts, spanText, SpanFlag, type SpanBatch } from "../table/span-batch.ts";
import type { KeyTexts } from "./key-checks.ts";
import { hashAsciiKey, hashKey } from "./key-hash-set.ts";
import type { RowChecks } from "./row-checks.ts";

/**
 * `RowChecks.checkCells` for the records of a `SpanBatch`, with cells checked where they lie in
 * the bytes (field/byte-check.ts). A record whose cells are all clean, none missing, none
 * extra, not blank, has no error: its values are all there is to it, and its strings are made
 * only for the fields that need them (the keys' parts at once, the others when a custom check
 * reads them). Any other record is given, as text, to `RowChecks.checkCells`, which reports it
 * as it reports every row: the errors of a table read as spans are those of the table read
 * as text, by construction.
 */
export class SpanChecks implements KeyTexts {
  private readonly fields: CompiledField[];
  private readonly plans: BytePlan[];
  private readonly columns: Int32Array;
  /** Per field, 1 when its value must be a string at once (a key's part), 0 when it may stay `CELL_TEXT`. */
  private readonly textNow: Uint8Array;
  /** Cells a clean record has at least: the last mapped column's. */
  private readonly needed: number;
  private readonly mapped: number;
  /** Per field, the cell of the last record checked whose text its `CELL_TEXT` stands for. */
  private readonly cellOf: Int32Array;
  private batch: SpanBatch | undefined;
  private record = 0;
  private scratch: unknown[] | undefined;

  /**
   * @param textFields positions of the fields whose values must be strings (key parts), or
   *   `"all"` when the values outlive the batch (checks that keep rows until their end).
   */
  constructor(
    compiled: CompiledSchema,
    columns: readonly number[],
    private readonly width: number,
    private readonly rows: RowChecks,
    textFields: readonly number[] | "all",
  ) {
    this.fields = compiled.fields;
    this.plans = this.fields.map((field) => compileByteCheck(field));
    this.columns = Int32Array.from(columns);
    this.textNow = new Uint8Array(this.fields.length);
    if (textFields === "all") this.textNow.fill(1);
    else for (const f of textFields) this.textNow[f] = 1;
    this.needed = Math.max(0, ...columns) + 1;
    this.mapped = columns.filter((column) => column >= 0).length;
    this.cellOf = new Int32Array(this.fields.length);
  }

  /** Every clean record's values go into one array, as `RowChecks.reuseValues` (which the other records' values depend on): only for callers done with them before the next record. */
  reuseValues(): void {
    this.scratch = new Array<unknown>(this.fields.length).fill(null);
  }

  /**
   * Record `r`'s logical values, its errors reported as `RowChecks.checkCells` reports them.
   * A position may hold `CELL_TEXT` (a clean text whose string is not made): `text` makes it,
   * until the next record is checked.
   */
  check(batch: SpanBatch, r: number): unknown[] {
    this.batch = batch;
    this.record = r;
    const given = batch.texts?.get(r);
    if (given !== undefined) return this.rows.checkCells({ rowNumber: batch.firstRowNumber + r, cells: given });
    const from = batch.cellsFrom[r] as number;
    const count = (batch.cellsFrom[r + 1] as number) - from;
    if (count < this.needed || count > this.width || this.mapped === 0) return this.asText(batch, r);
    const { fields, plans, columns, textNow, cellOf } = this;
    const { bytes, starts, ends, flags } = batch;
    const values = this.scratch ?? new Array<unknown>(fields.length);
    let empty = 0;
    for (let f = 0; f < fields.length; f++) {
      const column = columns[f] as number;
      if (column < 0) {
        values[f] = null;
        continue;
      }
      const cell = from + column;
      let value = checkBytes(plans[f] as BytePlan, bytes, starts[cell] as number, ends[cell] as number, flags[cell] as number);
      // The verdicts are symbols and no value is: a `===` between a value (string, number…) and a
      // symbol is V8's generic StrictEqual call, one between symbols a pointer comparison.
      if (typeof value === "symbol") {
        if (value === CELL_TEXT) {
          if (textNow[f] === 1) value = spanText(batch, cell);
          else cellOf[f] = cell;
        } else {
          if (value === NEEDS_TEXT) value = (fields[f] as CompiledField).checkCell(spanText(batch, cell));
          // CELL_FAILED, from the byte check or from `checkCell`.
          if (typeof value === "symbol") return this.asText(batch, r);
        }
      }
      if (value === null) empty++;
      values[f] = value;
    }
    // A blank row is an error of its own.
    return empty === this.mapped ? this.asText(batch, r) : values;
  }

  /** Hashes field `f`'s key as `hashKey` hashes its text: on its bytes when they are plain ASCII (no doubled quote). */
  hashText(f: number, out: Int32Array, at: number): void {
    const batch = this.batch as SpanBatch;
    const cell = this.cellOf[f] as number;
    if (((batch.flags[cell] as number) & (SpanFlag.ESCAPED | SpanFlag.NON_ASCII)) === 0) hashAsciiKey(batch.bytes, batch.starts[cell] as number, batch.ends[cell] as number, out, at);
    else hashKey(spanText(batch, cell), out, at);
  }

  /** The source cells of the last record checked, as text: for a custom check's finding. */
  readonly cells = (): string[] => recordTexts(this.batch as SpanBatch, this.record);

  /** The text of field `f`'s cell in the last clean record checked, whose value is `CELL_TEXT`. */
  readonly text = (f: number): string => spanText(this.batch as SpanBatch, this.cellOf[f] as number);

  /** `CheckRow.digits` of field `f`'s cell in the last clean record checked, whose value is `CELL_TEXT`: read on its bytes. */
  readonly digits = (f: number, into: Uint8Array): number => {
    const { bytes, starts, ends } = this.batch as SpanBatch;
    const cell = this.cellOf[f] as number;
    const start = starts[cell] as number;
    const length = (ends[cell] as number) - start;
    // A quote or a non-ASCII byte is not a digit: the bytes between the quotes are the text.
    if (length > into.length) return -1;
    for (let i = 0; i < length; i++) {
      const digit = (bytes[start + i] as number) - 48;
      if (digit < 0 || digit > 9) return -1;
      into[i] = digit;
    }
    return length;
  };

  private asText(batch: SpanBatch, r: number): unknown[] {
    return this.rows.checkCells({ rowNumber: batch.firstRowNumber + r, cells: recordTexts(batch, r) });
  }
}
