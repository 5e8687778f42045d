import type { Field } from "../descriptor/types.ts";
import type { CivilDate } from "./any-date.ts";

/**
 * What one field type contributes to a compiled field. Built once per field by the type's
 * factory; the functions run once per cell, so they must not allocate beyond the value itself.
 */
export interface Codec {
  /** Non-missing text cell → logical value, or CAST_FAILED. */
  parseText(text: string): unknown;
  /** Non-text, non-null source cell (JSON/XLSX number, boolean, Date, object) → logical value, or CAST_FAILED. */
  parseValue(value: unknown): unknown;
  /** Logical value (never null) → canonical text that `parseText` reads back to the same value. */
  write(value: unknown): string;
  /** Ordering for minimum/maximum; absent when the type has no order. */
  compare?(a: unknown, b: unknown): number;
  /** Size for minLength/maxLength; absent when the type has no length. */
  length?(value: unknown): number;
  /** `parseText` returns its text unchanged: a cell's check may skip the call. */
  textIsValue?: boolean;
  /** Extra words for the type-error note (e.g. the categories), or "". */
  noteSuffix?: string;
}

/** What reading a cell may need besides the field: the date that fills what an `any` date leaves out. */
export interface CodecContext {
  today: () => CivilDate;
}

export type CodecFactory = (field: Field, format: string, context: CodecContext) => Codec;

/**
 * A field definition that cannot be used (bad pattern, unknown strptime directive...).
 * `path` is relative to the field, e.g. `/format` or `/constraints/pattern`.
 */
export class FieldDefinitionError extends Error {
  readonly note: string;
  readonly path: string;

  constructor(note: string, path: string) {
    super(note);
    this.name = "FieldDefinitionError";
    this.note = note;
    this.path = path;
  }
}
