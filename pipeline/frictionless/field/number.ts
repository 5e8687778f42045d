import type { Field } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { CAST_FAILED } from "./types.ts";

/**
 * number and integer. Logical values are JS numbers; integers beyond ±2^53 are bigints.
 * `decimalChar` is strict: with `,` declared, `1.234` is a type error unless `.` is the groupChar
 * (users asked for that, frictionless-py accepted it silently). A space groupChar also accepts the
 * no-break spaces French number formatting produces.
 */

const PLAIN_NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_INTEGER_RE = /^[+-]?\d+$/;
const SPECIALS = new Map<string, number>([
  ["nan", Number.NaN], ["inf", Infinity], ["+inf", Infinity], ["-inf", -Infinity],
  ["infinity", Infinity], ["+infinity", Infinity], ["-infinity", -Infinity],
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function groupClass(groupChar: string): string {
  return groupChar === " " ? "[ \\u00A0\\u202F]" : escapeRegExp(groupChar);
}

function hasSurroundingSpace(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || first === 160 || last <= 32 || last === 160;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * bareNumber: false — drops leading and trailing text such as `€`, `%`, `EUR ` while keeping the
 * sign and a leading decimal separator. Returns "" when no digit is found.
 */
export function stripNonNumeric(text: string, decimalChar: string): string {
  let start = 0;
  while (start < text.length) {
    const c = text.charCodeAt(start);
    if (isDigitCode(c)) break;
    if ((c === 43 || c === 45 || text.startsWith(decimalChar, start)) && isDigitCode(text.charCodeAt(start + 1))) break;
    if ((c === 43 || c === 45) && text.startsWith(decimalChar, start + 1) && isDigitCode(text.charCodeAt(start + 1 + decimalChar.length))) break;
    start++;
  }
  let end = text.length;
  while (end > start && !isDigitCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Number → decimal text without exponent (`1e21` → `1000000000000000000000`), shortest round-trip digits. */
export function plainNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "INF";
  if (n === -Infinity) return "-INF";
  const text = String(n);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${"0".repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + "0".repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

interface NumericOptions {
  decimalChar: string;
  groupChar: string | undefined;
  bareNumber: boolean;
}

function numericOptions(field: Field, integer: boolean): NumericOptions {
  const decimalChar = integer ? "." : (field.decimalChar ?? ".");
  const groupChar = field.groupChar;
  if (typeof decimalChar !== "string" || decimalChar.length === 0) throw new FieldDefinitionError('"decimalChar" must be a non-empty string such as "," or "."', "/decimalChar");
  if (groupChar !== undefined && (typeof groupChar !== "string" || groupChar.length === 0)) throw new FieldDefinitionError('"groupChar" must be a non-empty string such as " " or "."', "/groupChar");
  if (!integer && groupChar === decimalChar) throw new FieldDefinitionError(`"groupChar" and "decimalChar" are both "${decimalChar}": they must differ`, "/groupChar");
  return { decimalChar, groupChar, bareNumber: field.bareNumber !== false };
}

function buildNumberParser(options: NumericOptions): (text: string) => number | typeof CAST_FAILED {
  const { decimalChar, groupChar, bareNumber } = options;
  const plain = decimalChar === "." && groupChar === undefined;
  const g = groupChar === undefined ? "" : `(?:${groupClass(groupChar)}\\d+)*`;
  const dc = escapeRegExp(decimalChar);
  const re = plain ? PLAIN_NUMBER_RE : new RegExp(`^[+-]?(?:\\d+${g}(?:${dc}\\d*)?|${dc}\\d+)(?:[eE][+-]?\\d+)?$`);
  const groupRe = groupChar === undefined ? undefined : new RegExp(groupClass(groupChar), "g");
  const slow = (input: string): number | typeof CAST_FAILED => {
    let text = bareNumber ? input : stripNonNumeric(input, decimalChar);
    if (text.length > 0 && hasSurroundingSpace(text)) text = text.trim();
    if (!re.test(text)) {
      const special = SPECIALS.get(text.toLowerCase());
      return special === undefined ? CAST_FAILED : special;
    }
    if (plain) return +text;
    if (groupRe) text = text.replace(groupRe, "");
    if (decimalChar !== ".") text = text.replace(decimalChar, ".");
    return +text;
  };
  // Group characters need the general path; bareNumber: false and odd shapes fall back to it.
  if (groupChar !== undefined) return slow;
  const decimalCode = decimalChar.length === 1 ? decimalChar.charCodeAt(0) : -1;
  if (decimalCode < 0) return slow;
  return (text) => scanPlainDecimal(text, decimalCode) ?? slow(text);
}

function buildIntegerParser(options: NumericOptions): (text: string) => number | bigint | typeof CAST_FAILED {
  const { groupChar, bareNumber } = options;
  const re = groupChar === undefined ? PLAIN_INTEGER_RE : new RegExp(`^[+-]?\\d+(?:${groupClass(groupChar)}\\d+)*$`);
  const groupRe = groupChar === undefined ? undefined : new RegExp(groupClass(groupChar), "g");
  const toInteger = (text: string): number | bigint => {
    const n = +text;
    return Number.isSafeInteger(n) ? n : BigInt(text);
  };
  const slow = (input: string): number | bigint | typeof CAST_FAILED => {
    let text = bareNumber ? input : stripNonNumeric(input, ".");
    if (text.length > 0 && hasSurroundingSpace(text)) text = text.trim();
    if (!re.test(text)) return CAST_FAILED;
    if (groupRe) text = text.replace(groupRe, "");
    return toInteger(text);
  };
  if (groupChar !== undefined) return slow;
  return (text) => {
    const value = scanPlainDecimal(text, -1);
    return value === undefined ? slow(text) : value === 0 ? 0 : value;
  };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Plain `[+-]digits[.digits]`, scanned without a RegExp (`plainDecimal`); undefined when the text needs the general path. */
function scanPlainDecimal(text: string, decimalCode: number): number | undefined {
  const length = text.length;
  let i = 0;
  let negative = false;
  let c = text.charCodeAt(0);
  if (c === 45 || c === 43) { negative = c === 45; i = 1; }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < length; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === decimalCode && fraction < 0) {
      fraction = 0;
    } else {
      return undefined;
    }
  }
  return plainDecimal(mantissa, digits, fraction, negative);
}

/**
 * The value of a plain decimal scanned digit by digit (here and on bytes, byte-scalars.ts):
 * `mantissa` is the integer of its `digits` digits, `fraction` how many of them follow the
 * separator. Up to 15 digits, that integer and 10^fraction are exact doubles, so one division
 * is correctly rounded: the number `+text` gives. Undefined without digits or past 15.
 */
export function plainDecimal(mantissa: number, digits: number, fraction: number, negative: boolean): number | undefined {
  if (digits === 0 || digits > 15) return undefined;
  const value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
  return negative ? -value : value;
}

function compareNumeric(a: unknown, b: unknown): number {
  // Mixed number/bigint compare correctly with < and >.
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

export function numberCodec(field: Field): Codec {
  const options = numericOptions(field, false);
  const parseText = buildNumberParser(options);
  const { decimalChar } = options;
  return {
    parseText,
    parseValue: (value) => (typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : CAST_FAILED),
    write: decimalChar === "."
      ? (value) => plainNumber(Number(value))
      : (value) => plainNumber(Number(value)).replace(".", decimalChar),
    compare: compareNumeric,
  };
}

export function integerCodec(field: Field): Codec {
  const parseText = buildIntegerParser(numericOptions(field, true));
  const categories = integerCategories(field, parseText);
  const castInteger = (value: unknown): unknown => {
    if (typeof value === "number") return Number.isInteger(value) ? value : CAST_FAILED;
    if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
    return CAST_FAILED;
  };
  const codec: Codec = {
    parseText,
    parseValue: castInteger,
    write: (value) => String(value),
    compare: compareNumeric,
  };
  if (!categories) return codec;
  const inCategories = (value: unknown): unknown => (value === CAST_FAILED || categories.has(Number(value)) ? value : CAST_FAILED);
  return {
    ...codec,
    parseText: (text) => inCategories(parseText(text)),
    parseValue: (value) => inCategories(castInteger(value)),
    noteSuffix: ` and one of the categories "${[...categories].join(", ")}"`,
  };
}

function integerCategories(field: Field, parse: (text: string) => unknown): Set<number> | undefined {
  if (!Array.isArray(field.categories)) return undefined;
  const values = new Set<number>();
  field.categories.forEach((category, i) => {
    const raw = typeof category === "object" && category !== null ? category.value : category;
    const value = typeof raw === "number" ? raw : typeof raw === "string" ? parse(raw) : CAST_FAILED;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new FieldDefinitionError(`category ${JSON.stringify(raw)} is not an integer: an integer field's categories must be integers`, `/categories/${i}`);
    }
    values.add(value);
  });
  return values;
}
