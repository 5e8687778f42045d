/**
 * A validation error in frictionless-py's report shape (camelCase JSON). Every error of a report,
 * from a bad cell to an unusable descriptor, is one of these.
 */
export interface ValidationError extends ErrorLocation {
  /** The code, e.g. `type-error`, `missing-label`, `schema-error`, or a custom check's type. */
  type: string;
  title: string;
  description: string;
  /** Rendered from the type's template, the note and the location. */
  message: string;
  /** Short detail, e.g. `type is "integer/default"` or `constraint "required" is "True"`. */
  note: string;
  /** `#table`, `#header`, `#label`, `#row`, `#cell`, `#file`; empty for metadata errors. */
  tags: string[];
}

/** Where an error is, and the optional detail properties of frictionless-py's error classes. */
export interface ErrorLocation {
  /** Physical row in the source, 1-based, the header being row 1. */
  rowNumber?: number;
  /** 1-based column position. */
  fieldNumber?: number;
  fieldName?: string;
  cell?: string;
  cells?: string[];
  label?: string;
  labels?: string[];
  rowNumbers?: number[];
  fieldNames?: string[];
  fieldCells?: string[];
  referenceName?: string;
  referenceFieldNames?: string[];
  /** For `constraint-error`: the constraint that failed (`required`, `pattern`...). */
  constraint?: string;
  /** For descriptor errors: JSON pointer into the descriptor, e.g. `/resources/1/schema/fields/3/type`. */
  jsonPath?: string;
  /** For `encoding-error`: offset of the first undecodable byte. */
  byteOffset?: number;
  [extra: string]: unknown;
}

/** The location and detail a caller gives; title, description, tags and message are filled in. */
export interface ErrorProps extends ErrorLocation {
  note?: string;
  /** Required for custom types; known types take theirs from the catalogue. */
  title?: string;
  description?: string;
  tags?: string[];
}

/** A known error type: what frictionless-py declares on its error classes. */
export interface ErrorSpec {
  type: string;
  title: string;
  description: string;
  /** `{rowNumber}`, `{fieldNumber}`, `{fieldName}`, `{cell}`, `{label}`, `{note}` placeholders. */
  template: string;
  tags: readonly string[];
}
