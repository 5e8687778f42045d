import { fail } from "./any-date-words.ts";
import { daysInMonth } from "./temporal-parts.ts";

/**
 * The up to three numbers of a date met by the `any` reader (any-date.ts), and which is the year,
 * the month and the day, decided as python-dateutil decides it with its default order
 * (dayfirst and yearfirst off):
 * - a month given by name, a number of three digits or more (the year), or a label the reader
 *   knows fixes that number's role; two known roles fix the third;
 * - otherwise the numbers are read month first: `01/02/2019` is 2 January, `10 09 03` is
 *   9 October 2003; a first number above 12 is a day (`25/09/2003`), a number above 31 a year
 *   (`2003 09 25`, `99-01`);
 * - one number alone is a day (a year above 31); with a month name, the other number is the
 *   day, or the year above 31; a month name in the middle (`01-Jan-01`) is read day, month,
 *   year unless the first number is above 31.
 * Errors throw NotADate, as dateutil raises ValueError.
 */

type Role = "Y" | "M" | "D";

export class YearMonthDay {
  readonly values: number[] = [];
  centurySpecified = false;
  private readonly roles = new Map<Role, number>();

  get length(): number {
    return this.values.length;
  }

  /** A number written as digits: three digits or more make it the year. */
  appendDigits(text: string, role?: Role): void {
    if (!/^\d+$/.test(text)) fail(`"${text}" is not a number`);
    if (text.length > 2) role = this.yearRole(role);
    this.push(Number(text), role);
  }

  /** A number read with its decimals (kept whole), or a month number (role M): above 100, the year. */
  appendNumber(value: number, role?: Role): void {
    if (value > 100) role = this.yearRole(role);
    this.push(Math.trunc(value), role);
  }

  /** Whether `value` can still be this date's day (a day not yet found, within the month when known). */
  couldBeDay(value: number): boolean {
    if (this.roles.has("D")) return false;
    const month = this.valueOf("M");
    if (month === undefined) return value >= 1 && value <= 31;
    const year = this.valueOf("Y");
    return value >= 1 && value <= daysInMonth(year ?? 2000, month);
  }

  resolve(yearFirst = false, dayFirst = false): { year?: number; month?: number; day?: number } {
    const known = this.roles.size;
    const n = this.values.length;
    if ((n === known && known > 0) || (n === 3 && known === 2)) return this.fromRoles();
    if (n > 3) fail("more than three numbers in a date");
    const [a, b, c] = this.values as [number, number, number];
    const monthAt = this.roles.get("M");
    if (n === 1 || (monthAt !== undefined && n === 2)) {
      if (monthAt === undefined) return a > 31 ? { year: a } : { day: a };
      const month = this.values[monthAt] as number;
      if (n === 1) return { month };
      const other = this.values[1 - monthAt] as number;
      return other > 31 ? { year: other, month } : { month, day: other };
    }
    if (n === 2) {
      if (a > 31) return { year: a, month: b };
      if (b > 31) return { month: a, year: b };
      return dayFirst && b <= 12 ? { day: a, month: b } : { month: a, day: b };
    }
    if (n !== 3) return {};
    if (monthAt === 0) return b > 31 ? { month: a, year: b, day: c } : { month: a, day: b, year: c };
    if (monthAt === 1) return a > 31 || (yearFirst && c <= 31) ? { year: a, month: b, day: c } : { day: a, month: b, year: c };
    if (monthAt === 2) return b > 31 ? { day: a, year: b, month: c } : { year: a, day: b, month: c };
    if (a > 31 || this.roles.get("Y") === 0 || (yearFirst && b <= 12 && c <= 31)) {
      return dayFirst && c <= 12 ? { year: a, day: b, month: c } : { year: a, month: b, day: c };
    }
    return a > 12 || (dayFirst && b <= 12) ? { day: a, month: b, year: c } : { month: a, day: b, year: c };
  }

  private yearRole(role: Role | undefined): Role {
    if (role !== undefined && role !== "Y") fail("a number of three digits or more can only be a year");
    this.centurySpecified = true;
    return "Y";
  }

  private push(value: number, role: Role | undefined): void {
    this.values.push(value);
    if (role === undefined) return;
    if (this.roles.has(role)) fail(`${role === "Y" ? "year" : role === "M" ? "month" : "day"} given twice`);
    this.roles.set(role, this.values.length - 1);
  }

  private valueOf(role: Role): number | undefined {
    const at = this.roles.get(role);
    return at === undefined ? undefined : this.values[at];
  }

  /** Roles known for every number (or all but one of three, the last one taking the free role). */
  private fromRoles(): { year?: number; month?: number; day?: number } {
    const roles = new Map(this.roles);
    if (this.values.length === 3 && roles.size === 2) {
      const free = (["Y", "M", "D"] as Role[]).find((role) => !roles.has(role)) as Role;
      const at = [0, 1, 2].find((i) => ![...roles.values()].includes(i)) as number;
      roles.set(free, at);
    }
    const pick = (role: Role): number | undefined => (roles.has(role) ? this.values[roles.get(role) as number] : undefined);
    return { year: pick("Y"), month: pick("M"), day: pick("D") };
  }
}
