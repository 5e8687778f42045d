import type { Field, FieldType, Schema } from "../descriptor/types.ts";
import { createError } from "../errors/create-error.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";
import type { CivilDate } from "./any-date.ts";
import { anyCodec } from "./any.ts";
import { withArrayItems } from "./array-items.ts";
import { booleanCodec } from "./boolean.ts";
import { fastCheckCell } from "./check-cell.ts";
import { type Codec, type CodecContext, type CodecFactory, FieldDefinitionError } from "./codec.ts";
import { compileConstraints } from "./constraints.ts";
import { durationCodec } from "./duration.ts";
import { geopointCodec } from "./geopoint.ts";
import { arrayCodec, geojsonCodec, objectCodec } from "./json-value.ts";
import { listCodec } from "./list.ts";
import { buildIsMissing, DEFAULT_MISSING_VALUES, isEmpty, missingValueStrings } from "./missing-values.ts";
import { integerCodec, numberCodec } from "./number.ts";
import { stringCodec } from "./string.ts";
import { dateCodec, datetimeCodec, timeCodec } from "./temporal.ts";
import { typeErrorHint } from "./type-hints.ts";
import { CAST_FAILED, type CompiledField } from "./types.ts";
import { yearCodec, yearmonthCodec } from "./year.ts";

const FACTORIES: Record<Exclude<FieldType, "list" | "array">, CodecFactory> = {
  string: stringCodec,
  number: numberCodec,
  integer: integerCodec,
  boolean: booleanCodec,
  date: dateCodec,
  time: timeCodec,
  datetime: datetimeCodec,
  year: yearCodec,
  yearmonth: yearmonthCodec,
  duration: durationCodec,
  geopoint: geopointCodec,
  geojson: geojsonCodec,
  object: objectCodec,
  any: anyCodec,
};

export const FIELD_TYPES: readonly FieldType[] = [...Object.keys(FACTORIES), "array", "list"] as FieldType[];
const TEMPORAL = new Set<FieldType>(["date", "time", "datetime"]);

/** `fmt:` (v0) stripped, absent → `default`. */
export function normaliseFormat(format: unknown): string {
  if (typeof format !== "string" || format === "") return "default";
  return format.startsWith("fmt:") ? format.slice(4) : format;
}

function buildCodec(field: Field, type: FieldType, format: string, context: CodecContext): Codec {
  if (type === "list") return listCodec(field, (itemType) => buildCodec({ name: field.name, type: itemType }, itemType, "default", context));
  if (type === "array") return arrayCodec(field);
  const factory = FACTORIES[type];
  if (!factory) {
    throw new FieldDefinitionError(`type "${String(type)}" is not a Table Schema type: use one of ${FIELD_TYPES.join(", ")}`, "/type");
  }
  return factory(field, format, context);
}

/**
 * The field every item of an array must satisfy. As frictionless-py, it is a field of its own:
 * `any` unless it says otherwise, with the default missing values (`""`) unless it has its own.
 */
function compileItem(array: Field, context: CodecContext): CompiledField {
  const { arrayItem: _nested, ...item } = array.arrayItem as Field;
  try {
    return buildField({ ...item, name: item.name ?? array.name, type: item.type ?? "any" }, 0, DEFAULT_MISSING_VALUES, context);
  } catch (error) {
    if (error instanceof FieldDefinitionError) throw new FieldDefinitionError(error.note, `/arrayItem${error.path}`);
    throw error;
  }
}

function buildField(field: Field, index: number, schemaMissing: readonly string[], context: CodecContext): CompiledField {
  const type: FieldType = field.type ?? "any";
  const format = normaliseFormat(field.format);
  const missing = missingValueStrings(field.missingValues) ?? schemaMissing;
  const codec = buildCodec(field, type, format, context);
  const isMissing = buildIsMissing(missing);
  const { parseText, parseValue } = codec;
  const fallback = TEMPORAL.has(type) && format !== "default" ? buildCodec(field, type, "default", context) : undefined;
  const castConstraintValue = (value: unknown): unknown => {
    const cast = typeof value === "string" ? parseText(value) : parseValue(value);
    return cast === CAST_FAILED && fallback && typeof value === "string" ? fallback.parseText(value) : cast;
  };
  const constraints = compileConstraints({ ...field, type }, codec, castConstraintValue);
  const missingNonText = missing.length > 0 && !(missing.length === 1 && missing[0] === "");
  const cast = (raw: unknown): unknown => {
    if (typeof raw === "string") return isMissing(raw) ? null : parseText(raw);
    if (raw === null || raw === undefined) return null;
    if (missingNonText && (typeof raw === "number" || typeof raw === "bigint") && isMissing(String(raw))) return null;
    return parseValue(raw);
  };
  const nullText = missing[0] ?? "";
  const typeNote = `type is "${type}/${format}"${codec.noteSuffix ?? ""}`;
  const compiled: CompiledField = {
    name: field.name,
    index,
    type,
    format,
    descriptor: field,
    isMissing,
    cast,
    checkCell: fastCheckCell({ cast, parseText, constraints, missingIsEmpty: isMissing === isEmpty, textIsValue: codec.textIsValue === true }),
    checkConstraints: constraints.first,
    constraintFailures: constraints.failures,
    write: (value) => (value === null || value === undefined ? nullText : codec.write(value)),
    typeNote,
    typeErrorNote: (raw) => {
      const hint = typeErrorHint(field, type, format, raw);
      return hint ? `${typeNote}: ${hint}` : typeNote;
    },
  };
  return type === "array" && field.arrayItem !== undefined ? withArrayItems(compiled, compileItem(field, context)) : compiled;
}

/** Today in the machine's local time, as python-dateutil's default date. */
function clockToday(): CivilDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export interface CompileOptions {
  /** The date that fills what an `any` date or datetime leaves out (`Jan 10`, `6 am`). Default: today. */
  today?: () => CivilDate;
}

/**
 * Prepares one field of `schema` (position `index`): options parsed, regexps and parsers built.
 * Throws DescriptorError (`field-error`, jsonPath `/fields/<index>/...`) when the field cannot be used.
 */
export function compileField(field: Field, schema: Pick<Schema, "missingValues"> | undefined, index: number, options: CompileOptions = {}): CompiledField {
  const schemaMissing = missingValueStrings(schema?.missingValues) ?? DEFAULT_MISSING_VALUES;
  try {
    return buildField(field, index, schemaMissing, { today: options.today ?? clockToday });
  } catch (error) {
    if (error instanceof FieldDefinitionError) {
      throw new DescriptorError([createError("field-error", { note: error.note, jsonPath: `/fields/${index}${error.path}`, fieldName: field.name })]);
    }
    throw error;
  }
}
