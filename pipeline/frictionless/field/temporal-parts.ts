/** Calendar helpers shared by the date/time types and the strptime translator. */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS[month - 1] ?? 0);
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isValidTime(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad4(n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : String(n);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Digits after the decimal point, trailing zeros dropped (so equal instants give equal text). */
export function formatFraction(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? "" : `.${digits.slice(0, end)}`;
}

export function formatTime(hour: number, minute: number, second: number, fraction: string): string {
  return `${pad2(hour)}:${pad2(minute)}:${pad2(second)}${formatFraction(fraction)}`;
}

/**
 * Timezone designator in canonical form: `Z` kept, `+0100` / `+01` → `+01:00`.
 * Returns undefined when the offset is out of range.
 */
export function normaliseOffset(offset: string): string | undefined {
  if (offset === "Z" || offset === "z") return "Z";
  const sign = offset[0];
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (!(hours <= 23 && minutes <= 59)) return undefined;
  return `${sign}${pad2(hours)}:${pad2(minutes)}`;
}

/** Offset text (`Z`, `+01:00`) → minutes east of UTC. */
export function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === "Z") return 0;
  const sign = offset.charCodeAt(0) === 45 ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** Two-digit year as Python's strptime reads it: 69–99 → 1900s, 00–68 → 2000s. */
export function expandTwoDigitYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}
