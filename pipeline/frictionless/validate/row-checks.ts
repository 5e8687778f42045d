import type { ErrorProps } from "../errors/index.ts";
import { CAST_FAILED, CELL_FAILED, type CompiledField, type CompiledSchema } from "../field/index.ts";
import type { SourceRow } from "../table/types.ts";
import type { ErrorCollector } from "./error-collector.ts";
import { cellText, cellTexts } from "./key-checks.ts";

/**
 * The per-row checks of the baseline: blank rows, missing and extra cells, types, constraints
 * (`checkCells`, which needs nothing but the row); the key checks across rows are `KeyChecks`'.
 * Runs once per row of million-row tables: everything is prepared in the constructor, and
 * errors are only built when found.
 */
export class RowChecks {
  private readonly fields: CompiledField[];
  private readonly columns: Int32Array;
  /** The row's cells as its errors quote them: made once a row, when its first error is found. */
  private texts: string[] | undefined;

  constructor(
    compiled: CompiledSchema,
    columns: number[],
    private readonly width: number,
    private errors: ErrorCollector,
  ) {
    this.fields = compiled.fields;
    this.columns = Int32Array.from(columns);
  }

  /** The errors of the rows checked from now on go to `errors` (a chunk's own, when checks are reused chunk after chunk). */
  reportTo(errors: ErrorCollector): void {
    this.errors = errors;
  }

  /**
   * When set, every row's values go into this one array (fewer allocations on million-row
   * tables): only for callers that are done with a row's values before checking the next.
   */
  private scratch: unknown[] | undefined;

  reuseValues(): void {
    this.scratch = new Array<unknown>(this.fields.length).fill(null);
  }

  /**
   * The checks that need only the row itself. As frictionless-py: cell errors in field order,
   * then extra cells, then missing cells (a missing cell also reads as null for the
   * constraints, so a required field reports both); a row whose every field is empty is one
   * blank-row error instead (its primary key, all null, is the key checks' business).
   */
  checkCells(row: SourceRow): unknown[] {
    const { cells, rowNumber } = row;
    const count = cells.length;
    const fields = this.fields;
    // Every position is written below: a scratch array needs no clearing.
    const values = this.scratch ?? new Array<unknown>(fields.length);
    let found: [string, ErrorProps][] | undefined;
    this.texts = undefined;
    let mapped = 0;
    let empty = 0;
    let missing = false;
    for (let f = 0; f < fields.length; f++) {
      const column = this.columns[f] as number;
      if (column < 0) {
        values[f] = null;
        continue;
      }
      mapped++;
      const field = fields[f] as CompiledField;
      const raw = column < count ? cells[column] : null;
      if (column >= count) missing = true;
      let value = field.checkCell(raw);
      if (value === CELL_FAILED) value = this.failedCell(row, field, column, raw, (found ??= []));
      if (value === CAST_FAILED) value = null;
      else if (value === null) empty++;
      values[f] = value;
    }
    const errors = this.errors;
    if (mapped > 0 ? empty === mapped : isBlank(cells)) {
      errors.add("blank-row", { rowNumber, cells: cellTexts(cells), note: "" });
      return values;
    }
    if (found) for (const [type, error] of found) errors.add(type, error);
    // Added as found, not gathered first: a row of 200,000 extra cells stops at the error limit.
    for (let column = this.width; column < count && !errors.full; column++) {
      errors.add("extra-cell", { ...this.props(row, "", column, cellText(cells[column])), note: "" });
    }
    if (missing) {
      for (let f = 0; f < fields.length && !errors.full; f++) {
        const column = this.columns[f] as number;
        if (column < count) continue;
        errors.add("missing-cell", { ...this.props(row, (fields[f] as CompiledField).name, column, ""), note: "" });
      }
    }
    return values;
  }

  /** The errors of a cell that is not clean (`checkCell`), the slow way; its value, or CAST_FAILED. */
  private failedCell(row: SourceRow, field: CompiledField, column: number, raw: unknown, found: [string, ErrorProps][]): unknown {
    const value = field.cast(raw);
    if (value === CAST_FAILED) {
      const failure = field.castFailure?.(raw);
      found.push(["type-error", { ...this.props(row, field.name, column, cellText(raw)), note: failure?.note ?? field.typeNote }]);
      for (const item of failure?.constraints ?? []) {
        found.push(["constraint-error", { ...this.props(row, field.name, column, cellText(raw)), constraint: item.constraint, note: item.note }]);
      }
      return CAST_FAILED;
    }
    for (const failure of field.constraintFailures(value)) {
      found.push(["constraint-error", { ...this.props(row, field.name, column, cellText(raw)), constraint: failure.constraint, note: failure.note }]);
    }
    return value;
  }

  private props(row: SourceRow, fieldName: string, column: number, cell: string): ErrorProps {
    this.texts ??= cellTexts(row.cells);
    return { rowNumber: row.rowNumber, fieldName, fieldNumber: column + 1, cell, cells: this.texts };
  }
}

function isBlank(cells: unknown[]): boolean {
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (cell !== "" && cell !== null && cell !== undefined) return false;
  }
  return true;
}
