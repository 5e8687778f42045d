import type { Schema } from "../descriptor/types.ts";
import type { ErrorProps } from "../errors/index.ts";
import { CAST_FAILED, type CompiledField, type CompiledSchema } from "../field/index.ts";
import type { SourceRow } from "../table/types.ts";
import type { ErrorCollector } from "./error-collector.ts";
import { KeyHashSet } from "./key-hash-set.ts";
import { keyBuilder, keyTexts, ownString, type KeyBuilder } from "./key-set.ts";

/** A foreign key resolved for one table: where its referenced keys are. */
export interface ForeignKeyCheck {
  build: KeyBuilder;
  fieldNames: string[];
  referenceName: string;
  referenceFieldNames: string[];
  /** Keys of the referenced resource; for a self-reference, filled as rows are read. */
  index: KeyHashSet;
  /** For a self-reference: builds this row's referenced key. */
  selfBuild?: KeyBuilder;
}

interface KeyMemory {
  build: KeyBuilder;
  fields: CompiledField[];
  /** Keys with the row number of their first occurrence. */
  seen: KeyHashSet;
  /** The set belongs to the primary key, which records the keys. */
  shared?: boolean;
}

/** A row that a self-reference could not resolve yet (the referenced row may come later). */
interface PendingReference {
  check: ForeignKeyCheck;
  key: string;
  rowNumber: number;
  cells: string[];
}

/**
 * The per-row checks of the baseline: blank rows, missing and extra cells, types, constraints,
 * unique fields, primary key, unique keys, foreign keys. Runs once per row of million-row
 * tables: everything is prepared in the constructor, and errors are only built when found.
 */
export class RowChecks {
  private readonly fields: CompiledField[];
  private readonly columns: Int32Array;
  private readonly width: number;
  private readonly uniques: (KeyMemory & { shared: boolean })[];
  private readonly primaryKey: KeyMemory | undefined;
  private readonly uniqueKeys: KeyMemory[];
  private readonly pending: PendingReference[] = [];

  constructor(
    compiled: CompiledSchema,
    columns: number[],
    width: number,
    private readonly foreignKeys: ForeignKeyCheck[],
    private readonly errors: ErrorCollector,
  ) {
    this.fields = compiled.fields;
    this.columns = Int32Array.from(columns);
    this.width = width;
    const schema: Schema = compiled.schema;
    const pick = (names: string[]): CompiledField[] => names.map((name) => compiled.field(name)).filter((f): f is CompiledField => f !== undefined);
    // As frictionless-py: a key with a field the data lacks (fieldsMatch by name) is not checked; the header reports it.
    const inData = (fields: CompiledField[]): boolean => fields.every((field) => (this.columns[field.index] as number) >= 0);
    const pk = schema.primaryKey?.length ? pick(schema.primaryKey) : [];
    this.primaryKey = pk.length > 0 && inData(pk) ? { build: keyBuilder(pk, true), fields: pk, seen: new KeyHashSet() } : undefined;
    // A unique field that is also the whole primary key shares its key set (ids are usually both).
    this.uniques = this.fields
      .filter((field) => field.descriptor.constraints?.unique === true && inData([field]))
      .map((field) => {
        const shared = pk.length === 1 && pk[0] === field ? this.primaryKey : undefined;
        return { build: keyBuilder([field]), fields: [field], seen: shared?.seen ?? new KeyHashSet(), shared: shared !== undefined };
      });
    this.uniqueKeys = (schema.uniqueKeys ?? []).map((names) => {
      const fields = pick(names);
      return { build: keyBuilder(fields), fields, seen: new KeyHashSet() };
    });
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
   * Checks one row; returns its logical values by field position (invalid cells as null).
   * As frictionless-py: cell errors in field order, then extra cells, then missing cells (a
   * missing cell also reads as null for the constraints, so a required field reports both);
   * a row whose every field is empty is one blank-row error instead.
   */
  check(row: SourceRow): unknown[] {
    const { cells, rowNumber } = row;
    const count = cells.length;
    const fields = this.fields;
    const values = this.scratch ? this.scratch.fill(null) : new Array<unknown>(fields.length).fill(null);
    let found: [string, ErrorProps][] | undefined;
    let mapped = 0;
    let empty = 0;
    let missing = false;
    for (let f = 0; f < fields.length; f++) {
      const column = this.columns[f] as number;
      if (column < 0) continue;
      mapped++;
      const field = fields[f] as CompiledField;
      const raw = column < count ? cells[column] : null;
      if (column >= count) missing = true;
      const value = field.cast(raw);
      if (value === CAST_FAILED) {
        (found ??= []).push(["type-error", { ...this.cellProps(field, column, rowNumber, raw, cells), note: field.typeNote }]);
        continue;
      }
      if (value === null) empty++;
      if (field.checkConstraints(value) !== undefined) {
        for (const failure of field.constraintFailures(value)) {
          (found ??= []).push(["constraint-error", { ...this.cellProps(field, column, rowNumber, raw, cells), constraint: failure.constraint, note: failure.note }]);
        }
      }
      values[f] = value;
    }
    if (mapped > 0 ? empty === mapped : isBlank(cells)) {
      this.errors.add("blank-row", { rowNumber, cells: cellTexts(cells), note: "" });
      if (this.primaryKey) this.primaryKeyError(this.primaryKey, -1, rowNumber, cells);
      return values;
    }
    for (let column = this.width; column < count; column++) {
      (found ??= []).push(["extra-cell", { rowNumber, fieldName: "", fieldNumber: column + 1, cell: cellText(cells[column]), cells: cellTexts(cells), note: "" }]);
    }
    if (missing) {
      for (let f = 0; f < fields.length; f++) {
        const column = this.columns[f] as number;
        if (column < count) continue;
        const field = fields[f] as CompiledField;
        (found ??= []).push(["missing-cell", { rowNumber, fieldName: field.name, fieldNumber: column + 1, cell: "", cells: cellTexts(cells), note: "" }]);
      }
    }
    if (found) for (const [type, props] of found) this.errors.add(type, props);
    // The primary key is recorded first: a unique field that is the whole key reads its result.
    const pkFirst = this.primaryKey ? this.recordPrimaryKey(this.primaryKey, values, rowNumber) : 0;
    for (const unique of this.uniques) {
      let first: number;
      if (unique.shared) first = pkFirst > 0 ? pkFirst : 0;
      else {
        const key = unique.build(values);
        if (key === null) continue;
        first = unique.seen.put(key, rowNumber);
      }
      if (first !== 0) {
        const field = unique.fields[0] as CompiledField;
        const column = this.columns[field.index] as number;
        this.errors.add("unique-error", { ...this.cellProps(field, column, rowNumber, cells[column], cells), note: `the same as in the row at position ${first}` });
      }
    }
    if (this.primaryKey && pkFirst !== 0) this.primaryKeyError(this.primaryKey, pkFirst, rowNumber, cells);
    for (const uniqueKey of this.uniqueKeys) {
      const key = uniqueKey.build(values);
      if (key === null) continue;
      const first = uniqueKey.seen.put(key, rowNumber);
      if (first !== 0) {
        const names = uniqueKey.fields.map((f) => f.name);
        const field = uniqueKey.fields[0] as CompiledField;
        const column = this.columns[field.index] as number;
        this.errors.add("unique-error", {
          ...this.cellProps(field, column, rowNumber, cells[column], cells),
          fieldNames: names,
          note: `values "${keyTexts(key, names.length).join(", ")}" of the unique key "${names.join(", ")}" are the same as in the row at position ${first}`,
        });
      }
    }
    for (const fk of this.foreignKeys) {
      if (fk.selfBuild) {
        const own = fk.selfBuild(values);
        if (own !== null) fk.index.add(own);
      }
      const key = fk.build(values);
      if (key === null || fk.index.has(key)) continue;
      if (fk.selfBuild) this.pending.push({ check: fk, key, rowNumber, cells: cellTexts(cells) });
      else this.foreignKeyError(fk, key, rowNumber, cellTexts(cells));
    }
    return values;
  }

  /** Sizes the key sets for about `rows` rows (an estimate from the file size). */
  reserve(rows: number): void {
    if (this.primaryKey) this.primaryKey.seen.reserve(rows);
    for (const unique of this.uniques) if (!unique.shared) unique.seen.reserve(rows);
    for (const uniqueKey of this.uniqueKeys) uniqueKey.seen.reserve(rows);
    for (const fk of this.foreignKeys) if (fk.selfBuild) fk.index.reserve(rows);
  }

  /** After the last row: self-references that no row of the table satisfied. */
  finish(): void {
    for (const { check, key, rowNumber, cells } of this.pending) {
      if (!check.index.has(key)) this.foreignKeyError(check, key, rowNumber, cells);
    }
    this.pending.length = 0;
  }

  /** Records the row's primary key: 0 when new, the row it last appeared at when repeated, -1 when entirely null. */
  private recordPrimaryKey(pk: KeyMemory, values: unknown[], rowNumber: number): number {
    const key = pk.build(values);
    return key === null ? -1 : pk.seen.put(key, rowNumber);
  }

  private primaryKeyError(pk: KeyMemory, first: number, rowNumber: number, cells: unknown[]): void {
    const note = first === -1 ? 'cells composing the primary keys are all "None"' : `the same as in the row at position ${first}`;
    this.errors.add("primary-key", { rowNumber, cells: cellTexts(cells), fieldNames: pk.fields.map((f) => f.name), note });
  }

  private foreignKeyError(fk: ForeignKeyCheck, key: string, rowNumber: number, cells: string[]): void {
    const texts = keyTexts(key, fk.fieldNames.length);
    this.errors.add("foreign-key", {
      rowNumber,
      cells,
      fieldNames: fk.fieldNames,
      fieldCells: texts,
      referenceName: fk.referenceName,
      referenceFieldNames: fk.referenceFieldNames,
      note: `values "${texts.join(", ")}" not found in the lookup table "${fk.referenceName}" as "${fk.referenceFieldNames.join(", ")}"`,
    });
  }

  private cellProps(field: CompiledField, column: number, rowNumber: number, raw: unknown, cells: unknown[]): ErrorProps {
    return { rowNumber, fieldName: field.name, fieldNumber: column + 1, cell: cellText(raw), cells: cellTexts(cells) };
  }
}

function isBlank(cells: unknown[]): boolean {
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (cell !== "" && cell !== null && cell !== undefined) return false;
  }
  return true;
}

/** A cell as report text, copied so that an error does not pin the chunk it was read from. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return ownString(cell);
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "object") return JSON.stringify(cell);
  return String(cell);
}

function cellTexts(cells: unknown[]): string[] {
  return cells.map(cellText);
}
