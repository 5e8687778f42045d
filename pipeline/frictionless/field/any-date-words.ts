/**
 * The words and numbers the `any` date/time reader (any-date.ts) knows, as python-dateutil's
 * default parserinfo knows them: English only, matched without regard to case.
 */

const MONTHS = [
  ["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"], ["jun", "june"],
  ["jul", "july"], ["aug", "august"], ["sep", "sept", "september"], ["oct", "october"], ["nov", "november"], ["dec", "december"],
];
const WEEKDAYS = [["mon", "monday"], ["tue", "tuesday"], ["wed", "wednesday"], ["thu", "thursday"], ["fri", "friday"], ["sat", "saturday"], ["sun", "sunday"]];
/** Hour, minute and second labels, as in `10h30`, `5 minutes`. */
const UNITS = [["h", "hour", "hours"], ["m", "minute", "minutes"], ["s", "second", "seconds"]];
const AM_PM = [["am", "a"], ["pm", "p"]];
/** Tokens skipped between the parts of a date ("July 4, 1976 at 10 am", "4th of July"). */
const SKIPPED = new Set([" ", ".", ",", ";", "-", "/", "'", "at", "on", "and", "ad", "m", "t", "of", "st", "nd", "rd", "th"]);
/** Names of UTC; `z` and `Z` also as offsets when an hour precedes them. */
export const UTC_NAMES = ["UTC", "GMT", "Z", "z"];

function indexOf(groups: string[][]): Map<string, number> {
  const map = new Map<string, number>();
  groups.forEach((words, i) => words.forEach((word) => map.set(word, i)));
  return map;
}

const MONTH_INDEX = indexOf(MONTHS);
const WEEKDAY_INDEX = indexOf(WEEKDAYS);
const UNIT_INDEX = indexOf(UNITS);
const AM_PM_INDEX = indexOf(AM_PM);

/** 1–12, or undefined. */
export const monthNumber = (token: string | undefined): number | undefined => {
  const i = token === undefined ? undefined : MONTH_INDEX.get(token.toLowerCase());
  return i === undefined ? undefined : i + 1;
};
/** 0 (Monday) – 6 (Sunday). */
export const weekdayNumber = (token: string): number | undefined => WEEKDAY_INDEX.get(token.toLowerCase());
/** 0 hours, 1 minutes, 2 seconds. */
export const timeUnit = (token: string | undefined): number | undefined => (token === undefined ? undefined : UNIT_INDEX.get(token.toLowerCase()));
/** 0 am, 1 pm. */
export const amPm = (token: string | undefined): number | undefined => (token === undefined ? undefined : AM_PM_INDEX.get(token.toLowerCase()));
export const isSkipped = (token: string | undefined): boolean => token !== undefined && SKIPPED.has(token.toLowerCase());
export const isUtcName = (token: string): boolean => UTC_NAMES.some((name) => name.toLowerCase() === token.toLowerCase());

/**
 * A number token: digits with at most one decimal point (the lexer gives no other shape), read
 * exactly: `whole` and the decimal digits, so that `10.1h` is 10 h 06 min as in Python's Decimal.
 */
export interface DecimalToken {
  text: string;
  whole: number;
  fraction: string;
  /** The value as a float, for comparisons with small bounds. */
  value: number;
}

/** Python's float() reads these words too: dateutil then refuses them as numbers that are not finite. */
const NON_FINITE = new Set(["inf", "infinity", "nan"]);

/** The token as a number, undefined when it is not one, or "non-finite" for inf/nan words. */
export function readDecimal(token: string): DecimalToken | "non-finite" | undefined {
  if (NON_FINITE.has(token.toLowerCase())) return "non-finite";
  const m = /^(\d+)(?:\.(\d+))?$/.exec(token);
  if (!m) return undefined;
  return { text: token, whole: Number(m[1]), fraction: m[2] ?? "", value: Number(token) };
}

/** The whole part of `60 × (value mod 1)`, exactly; undefined when the value has no fraction. */
export function sixtieths(fraction: string): number | undefined {
  if (!/[1-9]/.test(fraction)) return undefined;
  return Number((BigInt(fraction) * 60n) / 10n ** BigInt(fraction.length));
}

/** Why a text does not read as a date or time (dateutil's ValueError or IndexError). */
export class NotADate extends Error {}

export function fail(why: string): never {
  throw new NotADate(why);
}

/** Digits only, as Python's int() reads a token (anything else is an error). */
export function int(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text)) return fail(`"${text ?? ""}" is not an integer`);
  return Number(text);
}

export function decimal(text: string | undefined): DecimalToken {
  const d = text === undefined ? undefined : readDecimal(text);
  return d === undefined || d === "non-finite" ? fail(`"${text ?? ""}" is not a number`) : d;
}

/** Seconds and microseconds of `SS[.ffffff]` (microseconds cut at six digits). */
export function secondsOf(text: string): [number, number] {
  const parts = text.split(".");
  if (parts.length === 1) return [int(text), 0];
  if (parts.length !== 2) return fail(`"${text}" is not seconds`);
  return [int(parts[0]), int(((parts[1] as string) + "000000").slice(0, 6))];
}

/** Minutes and, when the value has a fraction, the seconds it stands for. */
export function minutesOf(value: DecimalToken): [number, number | undefined] {
  return [value.whole, sixtieths(value.fraction)];
}

export function withAmPm(hour: number, ampm: number): number {
  if (hour < 12 && ampm === 1) return hour + 12;
  if (hour === 12 && ampm === 0) return 0;
  return hour;
}
