import type { Field } from "../descriptor/types.ts";
import { type CivilDate, parseAnyDate } from "./any-date.ts";
import { type Codec, type CodecContext, FieldDefinitionError } from "./codec.ts";
import { compileStrftime } from "./strftime.ts";
import { compileStrptime, type DateParts, StrptimeError } from "./strptime.ts";
import {
  formatDate, formatTime, isValidDate, isValidTime, normaliseOffset, offsetMinutes, pad2,
} from "./temporal-parts.ts";
import { CAST_FAILED } from "./types.ts";

/**
 * date, time and datetime. Logical values are canonical ISO strings: `YYYY-MM-DD`,
 * `HH:MM:SS[.fff][offset]`, `YYYY-MM-DDTHH:MM:SS[.fff][offset]` (offset kept as given, normalised
 * to `Z` or `±HH:MM`; fraction without trailing zeros). The common `default` shapes are checked
 * by character codes and returned as-is, without allocation.
 */

type Kind = "date" | "time" | "datetime";

const TIME_RE = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?$/i;
// A space may stand for the T, as frictionless-py (dateutil's isoparse) accepts it.
const DATETIME_RE = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?$/i;

/** Two digits at `at` as a number, or -1 (NaN past the end fails the range test too). */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Plain `YYYY-MM-DD` at the start of `text`, checked without a RegExp. */
function isPlainDate(text: string): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const century = twoDigits(text, 0);
  const years = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  return century >= 0 && years >= 0 && isValidDate(century * 100 + years, month, day);
}

/** Plain `HH:MM:SS` starting at `at`. */
function isPlainTime(text: string, at: number): boolean {
  if (text.charCodeAt(at + 2) !== 58 || text.charCodeAt(at + 5) !== 58) return false;
  const hour = twoDigits(text, at);
  const minute = twoDigits(text, at + 3);
  const second = twoDigits(text, at + 6);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

function timeFromMatch(m: RegExpExecArray, at: number, offsetAt: number | undefined): string | typeof CAST_FAILED {
  const hour = Number(m[at]);
  const minute = Number(m[at + 1]);
  const second = m[at + 2] === undefined ? 0 : Number(m[at + 2]);
  if (!isValidTime(hour, minute, second)) return CAST_FAILED;
  let out = formatTime(hour, minute, second, m[at + 3] ?? "");
  const rawOffset = offsetAt === undefined ? undefined : m[offsetAt];
  if (rawOffset !== undefined) {
    const offset = normaliseOffset(rawOffset);
    if (offset === undefined) return CAST_FAILED;
    out += offset;
  }
  return out;
}

function dateFromNumbers(year: number, month: number, day: number): string | typeof CAST_FAILED {
  return isValidDate(year, month, day) ? formatDate(year, month, day) : CAST_FAILED;
}

function parseDefaultDate(text: string): string | typeof CAST_FAILED {
  return text.length === 10 && isPlainDate(text) ? text : CAST_FAILED;
}

function parseDefaultTime(text: string): string | typeof CAST_FAILED {
  if (text.length === 8 && isPlainTime(text, 0)) return text;
  const m = TIME_RE.exec(text);
  return m ? timeFromMatch(m, 1, 5) : CAST_FAILED;
}

function parseDefaultDatetime(text: string): string | typeof CAST_FAILED {
  const length = text.length;
  if ((length === 19 || (length === 20 && text.charCodeAt(19) === 90)) && text.charCodeAt(10) === 84
    && isPlainDate(text) && isPlainTime(text, 11)) return text;
  const m = DATETIME_RE.exec(text);
  if (!m) return CAST_FAILED;
  const date = dateFromNumbers(Number(m[1]), Number(m[2]), Number(m[3]));
  if (date === CAST_FAILED) return CAST_FAILED;
  const time = timeFromMatch(m, 4, 8);
  return time === CAST_FAILED ? CAST_FAILED : `${date}T${time}`;
}

const PARSE_DEFAULT: Record<Kind, (text: string) => string | typeof CAST_FAILED> = {
  date: parseDefaultDate,
  time: parseDefaultTime,
  datetime: parseDefaultDatetime,
};

/** The `any` format: what python-dateutil reads (any-date.ts), as this kind's canonical text. */
function parseAny(kind: Kind, text: string, today: () => CivilDate): string | typeof CAST_FAILED {
  const p = parseAnyDate(text, today);
  if (p === undefined) return CAST_FAILED;
  const date = formatDate(p.year, p.month, p.day);
  if (kind === "date") return date;
  const offset = p.offsetMinutes === undefined ? "" : p.offsetMinutes === 0 ? "Z" : offsetText(p.offsetMinutes);
  const time = formatTime(p.hour, p.minute, p.second, String(p.microsecond).padStart(6, "0")) + offset;
  return kind === "time" ? time : `${date}T${time}`;
}

function offsetText(minutes: number): string {
  const size = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad2(Math.floor(size / 60))}:${pad2(size % 60)}`;
}

function fromParts(kind: Kind, p: DateParts): string {
  const date = formatDate(p.year, p.month, p.day);
  if (kind === "date") return date;
  const time = formatTime(p.hour, p.minute, p.second, p.fraction) + (p.offset ?? "");
  return kind === "time" ? time : `${date}T${time}`;
}

/** A JS Date (XLSX cells) read by its UTC components, as the table readers build them. */
function fromJsDate(kind: Kind, value: Date): string | typeof CAST_FAILED {
  if (Number.isNaN(value.getTime())) return CAST_FAILED;
  const ms = value.getUTCMilliseconds();
  const date = formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  const time = formatTime(value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds(), ms ? String(ms).padStart(3, "0") : "");
  return kind === "date" ? date : kind === "time" ? time : `${date}T${time}`;
}

/** Milliseconds (with offset applied) for ordering datetimes given with different offsets. */
function datetimeEpoch(value: string): number {
  const m = DATETIME_RE.exec(value);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return ms + Number(`0.${m[7] ?? "0"}`) * 1000 - offsetMinutes(m[8] === undefined ? undefined : normaliseOffset(m[8])) * 60000;
}

function timeSeconds(value: string): number {
  const m = TIME_RE.exec(value);
  if (!m) return Number.NaN;
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(`0.${m[4] ?? "0"}`);
  return seconds - offsetMinutes(m[5] === undefined ? undefined : normaliseOffset(m[5])) * 60;
}

function compareStrings(a: unknown, b: unknown): number {
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}

function patternWriter(kind: Kind, pattern: string): (value: unknown) => string {
  const render = compileStrftime(pattern);
  return (value) => {
    const parts = canonicalParts(kind, value as string);
    return parts ? render(parts) : (value as string);
  };
}

function makeTemporal(kind: Kind) {
  return (_field: Field, format: string, context: CodecContext): Codec => {
    let parseText: (text: string) => unknown;
    if (format === "default") parseText = PARSE_DEFAULT[kind];
    else if (format === "any") parseText = (text) => parseAny(kind, text, context.today);
    else {
      // A pattern without directive ("DD/MM/YYYY") is kept, as Python's strptime keeps it: it reads
      // only its own literal text, so every other cell is a type-error (format-warnings.ts says why).
      let pattern;
      try {
        pattern = compileStrptime(format);
      } catch (error) {
        if (error instanceof StrptimeError) throw new FieldDefinitionError(error.message, "/format");
        throw error;
      }
      parseText = (text) => {
        const parts = pattern.parse(text);
        return parts ? fromParts(kind, parts) : CAST_FAILED;
      };
    }
    const compare = kind === "date"
      ? compareStrings
      : kind === "time"
        ? (a: unknown, b: unknown) => timeSeconds(a as string) - timeSeconds(b as string)
        : (a: unknown, b: unknown) => datetimeEpoch(a as string) - datetimeEpoch(b as string);
    return {
      parseText,
      parseValue: (value) => (value instanceof Date ? fromJsDate(kind, value) : CAST_FAILED),
      // Canonical text is ISO; a pattern format writes back in that pattern so the output re-reads.
      write: format === "default" || format === "any" ? (value) => value as string : patternWriter(kind, format),
      compare,
    };
  };
}

const ISO_PARTS_RE = /^(?:(\d{4})-(\d\d)-(\d\d))?T?(?:(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?)?$/;

/** Canonical value → parts, for writing it back through a pattern. */
function canonicalParts(kind: Kind, value: string): DateParts | undefined {
  const m = ISO_PARTS_RE.exec(kind === "time" ? `T${value}` : value);
  if (!m) return undefined;
  return {
    year: Number(m[1] ?? 1900), month: Number(m[2] ?? 1), day: Number(m[3] ?? 1),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0),
    fraction: m[7] ?? "", offset: m[8],
  };
}

export const dateCodec = makeTemporal("date");
export const timeCodec = makeTemporal("time");
export const datetimeCodec = makeTemporal("datetime");
