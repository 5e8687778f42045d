import { type BytePlan, encodesAsItself, NEEDS_TEXT, plan, PlanKind, UTF8 } from "./byte-plan.ts";
import { plainDecimal } from "./number.ts";
import { DEFAULT_FALSE, DEFAULT_TRUE } from "./boolean.ts";
import { isValidDate } from "./temporal-parts.ts";
import { CELL_FAILED, type CompiledField } from "./types.ts";

/**
 * Byte checks of numbers, integers, booleans and dates (see byte-plan.ts): the shapes the text
 * parsers read without a RegExp, read the same way from bytes; every other shape needs text.
 */

/**
 * number.ts's `scanPlainDecimal` on bytes (the loop is written for each: one over a code-at
 * callback would make the hottest call site of both paths polymorphic), valued by the same
 * `plainDecimal`; NEEDS_TEXT for anything else (a quote or a byte ≥ 0x80 included, so the
 * cell's flags need no test).
 */
export function scanDecimal(bytes: Uint8Array, start: number, end: number, decimalCode: number): number | typeof NEEDS_TEXT {
  let i = start;
  let negative = false;
  let c = bytes[i] as number;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    c = bytes[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === decimalCode && fraction < 0) {
      fraction = 0;
    } else {
      return NEEDS_TEXT;
    }
  }
  return plainDecimal(mantissa, digits, fraction, negative) ?? NEEDS_TEXT;
}

/** number (a one-character ASCII decimal separator, no group character) and integer (no group character, no categories). */
export function decimalPlan(field: CompiledField, empty: BytePlan["empty"]): BytePlan | undefined {
  const { descriptor } = field;
  if (descriptor.groupChar !== undefined) return undefined;
  const integer = field.type === "integer";
  if (integer && Array.isArray(descriptor.categories)) return undefined;
  const decimalChar = integer ? "" : (descriptor.decimalChar ?? ".");
  if (!integer && (typeof decimalChar !== "string" || decimalChar.length !== 1 || decimalChar.charCodeAt(0) >= 128)) return undefined;
  const decimal = plan(PlanKind.DECIMAL, empty);
  decimal.integer = integer;
  // An integer has no separator.
  decimal.decimalCode = integer ? -1 : decimalChar.charCodeAt(0);
  const constraints = descriptor.constraints ?? {};
  // Bounds, the usual constraints of amounts and rates, are two comparisons in place: no call per cell.
  if (onlyNumberBounds(constraints)) {
    decimal.minimum = constraints.minimum ?? -Infinity;
    decimal.maximum = constraints.maximum ?? Infinity;
  } else if (hasValueConstraints(constraints)) decimal.constraints = field.checkConstraints;
  return decimal;
}

/** Whether the constraints on a value are `minimum` and `maximum` given as numbers, if any. */
function onlyNumberBounds(constraints: object): constraints is { minimum?: number; maximum?: number } {
  return Object.entries(constraints).every(([name, value]) => name === "required" || name === "unique" || ((name === "minimum" || name === "maximum") && typeof value === "number"));
}

/** boolean: the cell is one of the true or false values, byte for byte. */
export function booleanPlan(field: CompiledField, empty: BytePlan["empty"]): BytePlan {
  const { trueValues = DEFAULT_TRUE, falseValues = DEFAULT_FALSE } = field.descriptor;
  const values = [...trueValues.map((text) => [text, true] as const), ...falseValues.map((text) => [text, false] as const)].filter(([text]) => encodesAsItself(text));
  const members = plan(PlanKind.MEMBERS, empty);
  members.members = values.map(([text]) => UTF8.encode(text));
  members.verdicts = values.map(([, value]) => (field.checkConstraints(value) === undefined ? value : CELL_FAILED));
  return members;
}

function twoDigits(bytes: Uint8Array, at: number): number {
  const a = (bytes[at] as number) - 48;
  const b = (bytes[at + 1] as number) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** temporal.ts's plain `YYYY-MM-DD` on bytes. */
export function isPlainDate(bytes: Uint8Array, at: number): boolean {
  if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return false;
  const century = twoDigits(bytes, at);
  const years = twoDigits(bytes, at + 2);
  const month = twoDigits(bytes, at + 5);
  const day = twoDigits(bytes, at + 8);
  return century >= 0 && years >= 0 && isValidDate(century * 100 + years, month, day);
}

/** date, default format, no constraint on its value: its value is its text. */
export function datePlan(field: CompiledField, empty: BytePlan["empty"]): BytePlan | undefined {
  return field.format !== "default" || hasValueConstraints(field.descriptor.constraints) ? undefined : plan(PlanKind.DATE, empty);
}

/** Constraints on a value beyond `required` and `unique` (which a byte check answers without the value). */
export function hasValueConstraints(constraints: object | undefined): boolean {
  return constraints !== undefined && Object.keys(constraints).some((name) => name !== "required" && name !== "unique");
}
