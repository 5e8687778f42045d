import { amPm, decimal, fail, int, isSkipped, isUtcName, minutesOf, monthNumber, readDecimal, secondsOf, sixtieths, timeUnit, UTC_NAMES, weekdayNumber, withAmPm, type DecimalToken } from "./any-date-words.ts";
import { YearMonthDay } from "./any-date-ymd.ts";

/**
 * The walk over the tokens of the `any` date/time reader (any-date.ts): what each token says
 * (a number, a month or weekday name, am/pm, a zone name or offset, a word to skip), in the
 * order python-dateutil's parser tries them. A token it cannot place fails the whole text.
 */

/** What the text said, before the missing parts are filled in. */
export interface Said {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  microsecond?: number;
  zoneName?: string;
  offsetSeconds?: number;
  ampm?: number;
}

export class Reader {
  readonly said: Said = {};
  readonly ymd = new YearMonthDay();
  private i = 0;

  constructor(
    private readonly tokens: string[],
    private readonly thisYear: () => number,
  ) {}

  /** A token that must exist (dateutil's IndexError otherwise). */
  private at(i: number): string {
    return this.tokens[i] ?? fail("the text ends too early");
  }

  read(): void {
    const t = this.tokens;
    for (this.i = 0; this.i < t.length; this.i++) {
      const token = t[this.i] as string;
      const number = readDecimal(token);
      if (number === "non-finite") fail(`"${token}" is not a finite number`);
      if (number !== undefined) this.i = this.readNumber(this.i, number);
      else if (weekdayNumber(token) !== undefined) this.said.weekday = weekdayNumber(token);
      else if (monthNumber(token) !== undefined) this.readMonthName(monthNumber(token) as number);
      else if (amPm(token) !== undefined) this.readAmPm(amPm(token) as number);
      else if (this.couldBeZoneName(token, this.said.zoneName, this.said.offsetSeconds)) this.readZoneName(token);
      else if (this.said.hour !== undefined && (token === "+" || token === "-")) this.readOffset(token === "+" ? 1 : -1);
      else if (!isSkipped(token)) fail(`"${token}" is not part of a date`);
    }
  }

  private readMonthName(month: number): void {
    const t = this.tokens;
    const i = this.i;
    this.ymd.appendNumber(month, "M");
    if (i + 1 >= t.length) return;
    const sep = t[i + 1];
    if (sep === "-" || sep === "/") {
      this.ymd.appendDigits(this.at(i + 2));
      if (i + 3 < t.length && t[i + 3] === sep) {
        this.ymd.appendDigits(this.at(i + 4));
        this.i += 2;
      }
      this.i += 2;
    } else if (i + 4 < t.length && t[i + 1] === " " && t[i + 3] === " " && (t[i + 2] as string).toLowerCase() === "of") {
      // "Jan of 01": the number is the year.
      const year = t[i + 4] as string;
      if (/^\d+$/.test(year)) this.ymd.appendDigits(String(convertYear(Number(year), false, this.thisYear())), "Y");
      this.i += 4;
    }
  }

  private readAmPm(ampm: number): void {
    const hour = this.said.hour;
    if (hour === undefined) fail("am or pm without an hour");
    if (hour > 12) fail("am or pm after an hour above 12");
    this.said.hour = withAmPm(hour, ampm);
    this.said.ampm = ampm;
  }

  private couldBeZoneName(token: string, name: string | undefined, offset: number | undefined): boolean {
    return this.said.hour !== undefined && name === undefined && offset === undefined && token.length <= 5
      && (/^[A-Z]+$/.test(token) || UTC_NAMES.includes(token));
  }

  private readZoneName(token: string): void {
    const t = this.tokens;
    this.said.zoneName = token;
    this.said.offsetSeconds = token === "z" ? 0 : undefined;
    const next = t[this.i + 1];
    if (next === "+" || next === "-") {
      // "GMT+3" means "my time plus 3 is GMT", that is UTC−3: the sign is turned round.
      t[this.i + 1] = next === "+" ? "-" : "+";
      this.said.offsetSeconds = undefined;
      if (isUtcName(token)) this.said.zoneName = undefined;
    }
  }

  private readOffset(sign: number): void {
    const t = this.tokens;
    const i = this.i;
    const digits = this.at(i + 1);
    let hours: number;
    let minutes: number;
    if (digits.length === 4) {
      hours = int(digits.slice(0, 2));
      minutes = int(digits.slice(2));
    } else if (i + 2 < t.length && t[i + 2] === ":") {
      hours = int(digits);
      minutes = int(this.at(i + 3));
      this.i += 2;
    } else if (digits.length <= 2) {
      hours = int(digits);
      minutes = 0;
    } else return fail(`"${digits}" is not an offset`);
    this.said.offsetSeconds = sign * (hours * 3600 + minutes * 60);
    const j = this.i;
    // "-0300 (BRST)": a zone name in parentheses after the offset.
    if (j + 5 < t.length && isSkipped(t[j + 2]) && t[j + 3] === "(" && t[j + 5] === ")" && (t[j + 4] as string).length >= 3
      && this.couldBeZoneName(t[j + 4] as string, this.said.zoneName, undefined)) {
      this.said.zoneName = t[j + 4];
      this.i += 4;
    }
    this.i += 1;
  }

  /** Where a number sits next to an h, m or s label (`12h`, `12 h`, `12h04`'s 04), or undefined. */
  private unitAt(i: number): number | undefined {
    const t = this.tokens;
    if (timeUnit(t[i + 1]) !== undefined) return i + 1;
    if (i + 2 < t.length && t[i + 1] === " " && timeUnit(t[i + 2]) !== undefined) return i + 2;
    if (i > 0 && timeUnit(t[i - 1]) !== undefined) return i - 1;
    if (i > 1 && i === t.length - 1 && t[i - 1] === " " && timeUnit(t[i - 2]) !== undefined) return i - 2;
    return undefined;
  }

  private setUnit(number: DecimalToken, unit: number): void {
    if (unit === 0) {
      this.said.hour = number.whole;
      const minutes = sixtieths(number.fraction);
      if (minutes !== undefined) this.said.minute = minutes;
    } else if (unit === 1) {
      [this.said.minute, this.said.second] = minutesOf(number);
    } else if (unit === 2) {
      [this.said.second, this.said.microsecond] = secondsOf(number.text);
    }
  }

  /** One number token at `i`; returns the index of the last token it used. */
  private readNumber(i: number, n: DecimalToken): number {
    const t = this.tokens;
    const s = n.text;
    const length = s.length;
    const ymd = this.ymd;
    const said = this.said;
    if (ymd.length === 3 && (length === 2 || length === 4) && said.hour === undefined
      && (i + 1 >= t.length || (t[i + 1] !== ":" && timeUnit(t[i + 1]) === undefined))) {
      // 19990101T23[59]
      said.hour = int(s.slice(0, 2));
      if (length === 4) said.minute = int(s.slice(2));
    } else if (length === 6 || (length > 6 && s.indexOf(".") === 6)) {
      // YYMMDD, or HHMMSS[.ss]
      if (ymd.length === 0 && !s.includes(".")) {
        ymd.appendDigits(s.slice(0, 2));
        ymd.appendDigits(s.slice(2, 4));
        ymd.appendDigits(s.slice(4));
      } else {
        said.hour = int(s.slice(0, 2));
        said.minute = int(s.slice(2, 4));
        [said.second, said.microsecond] = secondsOf(s.slice(4));
      }
    } else if (length === 8 || length === 12 || length === 14) {
      // YYYYMMDD[hhmm[ss]]
      ymd.appendDigits(s.slice(0, 4), "Y");
      ymd.appendDigits(s.slice(4, 6));
      ymd.appendDigits(s.slice(6, 8));
      if (length > 8) {
        said.hour = int(s.slice(8, 10));
        said.minute = int(s.slice(10, 12));
        if (length > 12) said.second = int(s.slice(12));
      }
    } else if (this.unitAt(i) !== undefined) {
      const unitAt = this.unitAt(i) as number;
      const unit = unitAt > i ? (timeUnit(t[unitAt]) as number) : (timeUnit(t[unitAt]) as number) + 1;
      this.setUnit(n, unit);
      if (unitAt > i) return unitAt;
    } else if (i + 2 < t.length && t[i + 1] === ":") {
      // HH:MM[:SS[.ss]]
      said.hour = n.whole;
      [said.minute, said.second] = minutesOf(decimal(t[i + 2]));
      if (i + 4 < t.length && t[i + 3] === ":") {
        [said.second, said.microsecond] = secondsOf(t[i + 4] as string);
        return i + 4;
      }
      return i + 2;
    } else if (i + 1 < t.length && (t[i + 1] === "-" || t[i + 1] === "/" || t[i + 1] === ".")) {
      return this.readNumericDate(i, s);
    } else if (i + 1 >= t.length || isSkipped(t[i + 1])) {
      if (i + 2 < t.length && amPm(t[i + 2]) !== undefined) {
        // 12 am
        said.hour = withAmPm(n.whole, amPm(t[i + 2]) as number);
        return i + 2;
      }
      ymd.appendNumber(n.value);
      return i + 1;
    } else if (amPm(t[i + 1]) !== undefined && n.value < 24) {
      // 12am
      said.hour = withAmPm(n.whole, amPm(t[i + 1]) as number);
      return i + 1;
    } else if (ymd.couldBeDay(n.value)) {
      ymd.appendNumber(n.value);
    } else {
      fail(`"${s}" does not fit a date or time here`);
    }
    return i;
  }

  /** `01-01[-01]`, `01/Jan/2019`, `2019.01.10`: the first number is at `i`, the separator after it. */
  private readNumericDate(i: number, first: string): number {
    const t = this.tokens;
    const sep = t[i + 1];
    this.ymd.appendDigits(first);
    let last = i + 1;
    if (i + 2 < t.length && !isSkipped(t[i + 2])) {
      const second = t[i + 2] as string;
      if (/^\d+$/.test(second)) this.ymd.appendDigits(second);
      else this.ymd.appendNumber(monthNumber(second) ?? fail(`"${second}" is not a month`), "M");
      if (i + 3 < t.length && t[i + 3] === sep) {
        const third = this.at(i + 4);
        const month = monthNumber(third);
        if (month !== undefined) this.ymd.appendNumber(month, "M");
        else this.ymd.appendDigits(third);
        last += 2;
      }
      last += 1;
    }
    return last;
  }

}

/** A two-digit year within 50 years of `thisYear`, as dateutil reads it; others as they are. */
export function convertYear(year: number, centurySpecified: boolean, thisYear: number): number {
  if (year >= 100 || centurySpecified) return year;
  let out = year + Math.floor(thisYear / 100) * 100;
  if (out >= thisYear + 50) out -= 100;
  else if (out < thisYear - 50) out += 100;
  return out;
}

