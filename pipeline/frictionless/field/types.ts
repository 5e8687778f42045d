import type { Field, FieldType, Schema } from "../descriptor/types.ts";

/**
 * Returned by `CompiledField.cast` when a cell does not parse as the field's type/format.
 * A symbol rather than an exception or an object: casting runs once per cell, millions of times.
 */
export const CAST_FAILED: unique symbol = Symbol("cast-failed");
export type CastFailed = typeof CAST_FAILED;

/** A constraint that a logical value broke, as frictionless-py names it in `constraint-error` notes. */
export interface ConstraintFailure {
  /** `required`, `minimum`, `pattern`, `enum`, ... */
  constraint: string;
  /** Note in frictionless-py's words, e.g. `constraint "maximum" is "100"`. */
  note: string;
}

/** A field prepared once per table: every option parsed, every regexp built. */
export interface CompiledField {
  readonly name: string;
  /** 0-based position in the schema. */
  readonly index: number;
  readonly type: FieldType;
  /** `default` when the descriptor has none; `fmt:` prefixes stripped. */
  readonly format: string;
  readonly descriptor: Field;
  /** True when the raw text is one of this field's missing values (field-level list, else schema-level). */
  isMissing(raw: string): boolean;
  /**
   * Source cell → logical value. Text cells (CSV) are strings; JSON and XLSX cells may be
   * numbers, booleans, Dates or objects. Missing values give `null`; a bad cell gives CAST_FAILED.
   */
  cast(raw: unknown): unknown;
  /** Every constraint except `unique` (which needs table state), tried on a cast value (null included). */
  checkConstraints(value: unknown): ConstraintFailure | undefined;
  /** Logical value → canonical text for writing CSV (`""` for null). */
  write(value: unknown): string;
  /** Note for a type-error, e.g. `type is "date/%d/%m/%Y"`. */
  readonly typeNote: string;
}

export interface CompiledSchema {
  readonly schema: Schema;
  readonly fields: CompiledField[];
  field(name: string): CompiledField | undefined;
}
