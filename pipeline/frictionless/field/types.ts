import type { Field, FieldType, Schema } from "../descriptor/types.ts";

/**
 * Returned by `CompiledField.cast` when a cell does not parse as the field's type/format.
 * A symbol rather than an exception or an object: casting runs once per cell, millions of times.
 */
export const CAST_FAILED: unique symbol = Symbol("cast-failed");
export type CastFailed = typeof CAST_FAILED;

/**
 * Returned by `CompiledField.checkCell` for a cell that is not clean: its cast failed or its
 * value breaks a constraint. The caller then finds out which, and builds the errors, the slow way.
 */
export const CELL_FAILED: unique symbol = Symbol("cell-failed");

/** A constraint that a logical value broke, as frictionless-py names it in `constraint-error` notes. */
export interface ConstraintFailure {
  /** `required`, `minimum`, `pattern`, `enum`, ... */
  constraint: string;
  /** Note in frictionless-py's words, e.g. `constraint "maximum" is "100"`. */
  note: string;
}

/**
 * A field prepared once per table: every option parsed, every regexp built.
 *
 * Logical values (what `cast` returns, what `checkConstraints` and `write` take, what the
 * transform stage and custom checks see):
 * - string → string (a JSON/XLSX number is taken as its text; email/uri/uuid/binary stay strings)
 * - integer → number; bigint only beyond ±2^53
 * - number → number (NaN, ±Infinity for `NaN`, `INF`, `-INF`)
 * - boolean → boolean
 * - date → `YYYY-MM-DD`; time → `HH:MM:SS[.fff][offset]`; datetime → `YYYY-MM-DDTHH:MM:SS[.fff][offset]`
 *   (offset kept as given, normalised to `Z` or `±HH:MM`; fraction without trailing zeros; a JS
 *   Date from XLSX is read by its UTC components and gives a value without offset)
 * - year → number; yearmonth → `YYYY-MM`; duration → the ISO 8601 text
 * - geopoint → `[lon, lat]` numbers; object/geojson → plain object; array → array
 * - list → array of item values (items cast with their type's default format)
 * - any → the source value untouched
 * - a missing value → null
 * Logical values compare with `===` except arrays/objects: use `valueKey` (field/value-key.ts)
 * to put any logical value in a Set or Map.
 */
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
  /**
   * `cast` then `checkConstraints` in one call, the per-cell hot path of validation: the logical
   * value when the cell casts and breaks no constraint, else CELL_FAILED. Specialised per field
   * (no call at all beyond this one for an unconstrained text field), always equal to the two steps.
   */
  checkCell(raw: unknown): unknown;
  /** Every constraint that `value` fails (when `checkConstraints` found one), in frictionless-py's order. */
  constraintFailures(value: unknown): ConstraintFailure[];
  /**
   * Logical value → canonical text for writing CSV: reading it back with this field gives the same
   * value, and the same value always gives the same text. Numbers without exponent, using the
   * field's decimalChar; booleans as `true`/`false` (or the first declared true/false value);
   * dates in the field's format; JSON for objects/arrays; list items joined by the delimiter.
   * Null gives the first missing value (`""` by default).
   */
  write(value: unknown): string;
  /**
   * Only for an array whose items have a type (`arrayItem`), where a cell may fail for one item:
   * the note of this cell's type-error, and the item constraints its other items break, which
   * frictionless-py reports after it. Call it only for cells whose `cast` failed.
   */
  castFailure?(raw: unknown): { note: string; constraints: ConstraintFailure[] };
  /** Note for a type-error, e.g. `type is "date/%d/%m/%Y"`. */
  readonly typeNote: string;
  /**
   * `typeNote` plus, when the mistake is a common one, what is wrong with this cell and what to
   * change, e.g. `type is "number/default": the cell uses "," as decimal separator: declare
   * "decimalChar": "," or write the number with "."`. Call it only for cells that failed.
   */
  typeErrorNote(raw: unknown): string;
}

export interface CompiledSchema {
  readonly schema: Schema;
  readonly fields: CompiledField[];
  field(name: string): CompiledField | undefined;
}
