import { Reader, convertYear, type Said } from "./any-date-reader.ts";
import { splitDateTokens } from "./any-date-tokens.ts";
import { fail, isUtcName, NotADate } from "./any-date-words.ts";
import { daysInMonth } from "./temporal-parts.ts";

/**
 * The `any` format of date, time and datetime fields: what frictionless-py reads, that is
 * python-dateutil's `parser.parse(text)` with its defaults (month before day, year last, not
 * fuzzy), then the date, the time (with its offset) or both. Written from dateutil's behaviour
 * and checked against its answers on its own test texts and on 70,000 generated ones
 * (any-date.test.ts holds a table of them); none of its code.
 *
 * What reads:
 * - ISO 8601 and its shortened forms: `2019-01-10`, `2019-01-10T10:49:41.5+01:00`, `20190110`,
 *   `20190110T1049`, `2003-09-25 10:49:41,502`;
 * - numbers cut by `-`, `/`, `.` or spaces, **month first**: `01/02/2019` is 2 January 2019 and
 *   `10-09-03` 9 October 2003; a first number above 12 is the day (`25/09/2003`); a number of three
 *   digits or more, or above 31, is the year (`2003/09/25`, `99-01`); one number alone is a day
 *   of the current month (`10`), or a year above 31;
 * - English month and weekday names, full or short, in any case: `Jan 10 2019`, `10 January 2019`,
 *   `10th of January 2019`, `Thu Sep 25 10:36:28 2003`, `1996.July.10 AD 12:08 PM`, `Sep.20.2009`;
 * - times: `10:36`, `10:36:28.25` (microseconds, cut at six digits), `10h36`, `10h36m28s`,
 *   `5 minutes`, `10.5h` (10:30), `6 am`, `6:30 p.m.`, `12 am` (midnight), `13 pm` (13:00);
 * - an offset after the time: `+01:00`, `-0300`, `+01`, `Z`, `UTC`, `GMT`; `GMT+3` means three
 *   hours *behind* UTC, as in dateutil. Other zone names (`CET`, `EST`) are dropped and the value
 *   has no offset, as dateutil does on a machine whose local zone is UTC (servers, CI).
 * What does not: other languages (`10 janvier 2019`), unknown words (`demain`, `1er`), am/pm
 * without an hour or after an hour above 12, impossible dates (`Feb 30 2019`), offsets of a day
 * or more.
 *
 * Parts the text does not give come from `today` (dateutil's default, the current date at
 * midnight): `Jan 10` is 10 January of this year; `6 am` is today at 06:00 in a datetime field;
 * a weekday alone is the next such day from today; a month without a day keeps today's day
 * (the month's last day when it is shorter). Two-digit years are placed within 50 years of this
 * year (`99` → 1999, `19` → 2019).
 */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface AnyDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Minutes east of UTC; undefined for a value without offset. */
  offsetMinutes: number | undefined;
}

const MAX_DATE = Date.UTC(9999, 11, 31);

/** Days from 1970-01-01, for any year 1–9999 (Date.UTC alone would read years below 100 as 19xx). */
function epochDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / 86_400_000;
}

/** The text's parts, the missing ones taken from `today`, checked as Python's datetime checks them. */
function complete(said: Said, today: () => CivilDate): AnyDateTime {
  const needsToday = said.year === undefined || said.month === undefined || said.day === undefined;
  const base = needsToday ? today() : { year: 0, month: 0, day: 0 };
  const year = said.year ?? base.year;
  const month = said.month ?? base.month;
  if (month < 1 || month > 12) fail("month out of range");
  let day = said.day ?? Math.min(base.day, daysInMonth(year, month));
  const hour = said.hour ?? 0;
  const minute = said.minute ?? 0;
  const second = said.second ?? 0;
  const microsecond = said.microsecond ?? 0;
  if (year < 1 || year > 9999 || day < 1 || day > daysInMonth(year, month)) fail("not a calendar date");
  if (hour > 23 || minute > 59 || second > 59 || microsecond > 999_999) fail("not a time of day");
  let date = { year, month, day };
  if (said.weekday !== undefined && !said.day) {
    // The next such weekday on or after the date (dateutil's relativedelta(weekday=...)).
    const days = epochDay(year, month, day);
    const weekday = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: Monday is 0
    const target = days + ((said.weekday - weekday + 7) % 7);
    if (target * 86_400_000 > MAX_DATE) fail("after year 9999");
    const moved = new Date(target * 86_400_000);
    date = { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
    day = date.day;
  }
  return { ...date, hour, minute, second, microsecond, offsetMinutes: offsetOf(said) };
}

/**
 * The offset in minutes, or undefined for a naive value. `Z`, `UTC`, `GMT` and a zero offset are
 * UTC; a zone name dateutil cannot place is dropped, as on a machine whose local zone is UTC.
 * Python's datetime refuses offsets of a day or more.
 */
function offsetOf(said: Said): number | undefined {
  let { zoneName, offsetSeconds } = said;
  if ((offsetSeconds === 0 && !zoneName) || zoneName === "Z" || zoneName === "z") {
    zoneName = "UTC";
    offsetSeconds = 0;
  } else if (offsetSeconds !== 0 && zoneName !== undefined && isUtcName(zoneName)) offsetSeconds = 0;
  if (zoneName === "UTC") return 0;
  if (offsetSeconds === undefined) return undefined;
  if (Math.abs(offsetSeconds) >= 86_400) fail("an offset of a day or more");
  return offsetSeconds / 60;
}

/** `text` read as dateutil's parse reads it, or undefined when it does not read. See the top of this file. */
export function parseAnyDate(text: string, today: () => CivilDate): AnyDateTime | undefined {
  try {
    const reader = new Reader(splitDateTokens(text), () => today().year);
    reader.read();
    const { year, month, day } = reader.ymd.resolve();
    const said: Said = { ...reader.said, month, day };
    if (year !== undefined) said.year = convertYear(year, reader.ymd.centurySpecified, today().year);
    const told = Object.values(said).some((value) => value !== undefined);
    if (!told) return undefined;
    return complete(said, today);
  } catch (error) {
    if (error instanceof NotADate) return undefined;
    throw error;
  }
}
