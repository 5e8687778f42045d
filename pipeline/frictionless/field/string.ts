import type { Field } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { plainNumber } from "./number.ts";
import { CAST_FAILED } from "./types.ts";

/**
 * string, with its formats (email, uri, uuid, binary = base64) and categories. A number from a
 * JSON or XLSX cell is accepted as its text: French postal codes typed into Excel arrive as numbers.
 * An XLSX date cell is accepted as its ISO text.
 */

/** `/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/`, the uri format (a scheme, a colon, no white space), without the RegExp engine: it runs on every row's source URL. */
export const URI: { test(text: string): boolean } = { test: isUriText };

const FORMATS: Record<string, { test(text: string): boolean } | undefined> = {
  default: undefined,
  email: /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
  uri: URI,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  binary: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

/** An ASCII letter. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A scheme character after the first: letter, digit, `+`, `.` or `-`. */
export function isSchemeChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/** JavaScript's `\s`: the spec's WhiteSpace and LineTerminator code units. */
export function isSpaceUnit(c: number): boolean {
  if (c < 128) return (c >= 9 && c <= 13) || c === 32;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The scheme ends at the first character outside its class, which must be the colon (not in the class): no backtracking to try. */
function isUriText(text: string): boolean {
  const length = text.length;
  if (length < 3 || !isLetter(text.charCodeAt(0))) return false;
  let i = 1;
  while (i < length && isSchemeChar(text.charCodeAt(i))) i++;
  if (i >= length - 1 || text.charCodeAt(i) !== 58) return false;
  for (i++; i < length; i++) if (isSpaceUnit(text.charCodeAt(i))) return false;
  return true;
}

export const STRING_FORMATS: readonly string[] = Object.keys(FORMATS);

export function categoryValues(field: Field): (string | number)[] | undefined {
  if (!Array.isArray(field.categories)) return undefined;
  return field.categories.map((c) => (typeof c === "object" && c !== null ? c.value : c) as string | number);
}

/** An XLSX date cell in a text column, as ISO text: the date alone when it has no time of day. */
function dateText(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

export function stringCodec(field: Field, format: string): Codec {
  if (!(format in FORMATS)) {
    throw new FieldDefinitionError(`format "${format}" is not supported by type "string": use one of ${STRING_FORMATS.map((f) => `"${f}"`).join(", ")}`, "/format");
  }
  const re = FORMATS[format];
  const categories = categoryValues(field);
  const allowed = categories ? new Set(categories.map(String)) : undefined;
  const textIsValue = re === undefined && allowed === undefined;
  const parseText = textIsValue
    ? (text: string) => text
    : (text: string) => ((re === undefined || re.test(text)) && (allowed === undefined || allowed.has(text)) ? text : CAST_FAILED);
  return {
    parseText,
    textIsValue,
    parseValue: (value) => {
      if (typeof value === "number") return parseText(plainNumber(value));
      if (typeof value === "bigint") return parseText(String(value));
      if (value instanceof Date && !Number.isNaN(value.getTime())) return parseText(dateText(value));
      return CAST_FAILED;
    },
    write: (value) => value as string,
    compare: (a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0),
    length: (value) => [...(value as string)].length,
    noteSuffix: categories ? ` and one of the categories "${categories.join(", ")}"` : "",
  };
}
