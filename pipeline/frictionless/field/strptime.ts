import { expandTwoDigitYear, isValidDate, isValidTime, normaliseOffset } from "./temporal-parts.ts";

/**
 * Translates Python/C strptime patterns (`%d/%m/%Y`, `%Y-%m-%dT%H:%M:%S%z`...) into one anchored,
 * case-insensitive RegExp plus per-group setters, built once per field. Month and weekday names
 * are read in English (Python's C locale) and in French.
 */

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction-of-second digits, "" when none. */
  fraction: string;
  /** Canonical offset (`Z`, `+01:00`) or undefined for a naive value. */
  offset: string | undefined;
}

export interface StrptimePattern {
  readonly pattern: string;
  readonly hasDate: boolean;
  readonly hasTime: boolean;
  /**
   * Text → parts, or undefined when the text does not match or is not a real date/time.
   * The returned object is reused by the next call: copy what you need.
   */
  parse(text: string): DateParts | undefined;
}

/** Thrown for a pattern Python would reject or we cannot honour; `directive` is e.g. `%Q`. */
export class StrptimeError extends Error {
  readonly directive: string;
  constructor(directive: string, pattern: string) {
    super(`unknown or unsupported strptime directive "${directive}" in format "${pattern}"`);
    this.name = "StrptimeError";
    this.directive = directive;
  }
}

const MONTHS_ABBR = [
  ["jan", "janv"], ["feb", "fév", "fev", "févr", "fevr"], ["mar", "mars"], ["apr", "avr"], ["may", "mai"], ["jun", "juin"],
  ["jul", "juil"], ["aug", "aoû", "aou", "août", "aout"], ["sep", "sept"], ["oct"], ["nov"], ["dec", "déc"],
];
const MONTHS_FULL = [
  ["january", "janvier"], ["february", "février", "fevrier"], ["march", "mars"], ["april", "avril"], ["may", "mai"],
  ["june", "juin"], ["july", "juillet"], ["august", "août", "aout"], ["september", "septembre"], ["october", "octobre"],
  ["november", "novembre"], ["december", "décembre", "decembre"],
];
const WEEKDAYS_ABBR = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
const WEEKDAYS_FULL = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

function monthLookup(names: string[][]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((variants, i) => variants.forEach((v) => map.set(v, i + 1)));
  return map;
}
const MONTH_BY_ABBR = monthLookup(MONTHS_ABBR);
const MONTH_BY_FULL = monthLookup(MONTHS_FULL);

function alternation(words: Iterable<string>): string {
  // Longest first so that `sept` wins over `sep`.
  return [...new Set(words)].sort((a, b) => b.length - a.length).join("|");
}

/** Directives that stand for a combination of others (C locale). */
const COMPOSITES: Record<string, string> = { "%x": "%m/%d/%y", "%X": "%H:%M:%S", "%c": "%a %b %d %H:%M:%S %Y", "%D": "%m/%d/%y", "%T": "%H:%M:%S", "%R": "%H:%M", "%F": "%Y-%m-%d" };

interface State extends DateParts {
  shortYear: number;
  pm: number; // -1 unknown, 0 am, 1 pm
  twelveHour: boolean;
  dayOfYear: number;
}

type Setter = (state: State, text: string) => boolean;

interface Directive {
  regex: string;
  set: Setter;
  date?: boolean;
  time?: boolean;
}

const num = (key: "year" | "month" | "day" | "hour" | "minute" | "second" | "shortYear" | "dayOfYear"): Setter =>
  (s, t) => { s[key] = Number(t); return true; };

const DIRECTIVES: Record<string, Directive> = {
  "%Y": { regex: "(\\d{4})", set: num("year"), date: true },
  "%y": { regex: "(\\d{2})", set: num("shortYear"), date: true },
  "%m": { regex: "(1[0-2]|0[1-9]|[1-9])", set: num("month"), date: true },
  "%d": { regex: "(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])", set: (s, t) => { s.day = Number(t.trim()); return true; }, date: true },
  "%j": { regex: "(36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])", set: num("dayOfYear"), date: true },
  "%b": { regex: `(${alternation(MONTHS_ABBR.flat())})`, set: (s, t) => setMonth(s, MONTH_BY_ABBR, t), date: true },
  "%B": { regex: `(${alternation(MONTHS_FULL.flat())})`, set: (s, t) => setMonth(s, MONTH_BY_FULL, t), date: true },
  "%a": { regex: `(?:${alternation(WEEKDAYS_ABBR)})`, set: () => true },
  "%A": { regex: `(?:${alternation(WEEKDAYS_FULL)})`, set: () => true },
  "%w": { regex: "(?:[0-6])", set: () => true },
  "%u": { regex: "(?:[1-7])", set: () => true },
  "%H": { regex: "(2[0-3]|[0-1]\\d|\\d)", set: num("hour"), time: true },
  "%I": { regex: "(1[0-2]|0[1-9]|[1-9])", set: (s, t) => { s.hour = Number(t); s.twelveHour = true; return true; }, time: true },
  "%p": { regex: "(am|pm)", set: (s, t) => { s.pm = t.toLowerCase() === "pm" ? 1 : 0; return true; }, time: true },
  "%M": { regex: "([0-5]\\d|\\d)", set: num("minute"), time: true },
  "%S": { regex: "(6[0-1]|[0-5]\\d|\\d)", set: num("second"), time: true },
  "%f": { regex: "(\\d{1,6})", set: (s, t) => { s.fraction = t; return true; }, time: true },
  "%z": {
    regex: "(Z|[+-]\\d\\d:?[0-5]\\d)",
    set: (s, t) => { const o = normaliseOffset(t); s.offset = o; return o !== undefined; },
    time: true,
  },
  "%Z": { regex: "(utc|gmt|z)", set: (s) => { s.offset = "Z"; return true; }, time: true },
};
DIRECTIVES["%h"] = DIRECTIVES["%b"] as Directive;

function setMonth(state: State, lookup: Map<string, number>, text: string): boolean {
  const month = lookup.get(text.toLowerCase());
  if (month === undefined) return false;
  state.month = month;
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** `%x`, `%X`, `%c`... replaced by the directives they stand for. */
export function expandComposites(pattern: string): string {
  return pattern.replace(/%[xXcDTRF]/g, (d) => COMPOSITES[d] ?? d);
}

type NumericKey = "year" | "month" | "day" | "hour" | "minute" | "second" | "shortYear";
type Step = { literal: number } | { key: NumericKey; width: number };

interface FixedWidthPlan {
  width: number;
  steps: Step[];
}

const FIXED: Record<string, [NumericKey, number] | undefined> = {
  "%Y": ["year", 4], "%m": ["month", 2], "%d": ["day", 2], "%H": ["hour", 2], "%M": ["minute", 2], "%S": ["second", 2], "%y": ["shortYear", 2],
};

/**
 * For patterns made only of numeric directives and literal characters (`%d/%m/%Y`,
 * `%Y-%m-%dT%H:%M:%S`), the zero-padded shape is read by position, without the RegExp.
 * Shorter forms (`1/2/2021`) and anything the positions do not match go through the RegExp.
 */
function fixedWidthPlan(pattern: string): FixedWidthPlan | undefined {
  const steps: Step[] = [];
  let width = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "%") {
      const spec = FIXED[pattern.slice(i, i + 2)];
      if (!spec) return undefined;
      steps.push({ key: spec[0], width: spec[1] });
      width += spec[1];
      i++;
    } else {
      // Other whitespace and letters in other cases are left to the RegExp (\s+, case-insensitive).
      if (/\s/.test(ch) && ch !== " ") return undefined;
      steps.push({ literal: ch.charCodeAt(0) });
      width++;
    }
  }
  return { width, steps };
}

function readFixedWidth(plan: FixedWidthPlan, text: string, state: State): boolean {
  let at = 0;
  for (const step of plan.steps) {
    if ("literal" in step) {
      if (text.charCodeAt(at++) !== step.literal) return false;
      continue;
    }
    let n = 0;
    for (let k = 0; k < step.width; k++) {
      const c = text.charCodeAt(at++) - 48;
      if (c < 0 || c > 9) return false;
      n = n * 10 + c;
    }
    state[step.key] = n;
  }
  return true;
}

/** Throws StrptimeError for a directive Python does not know or that we do not support (week numbers). */
export function compileStrptime(pattern: string): StrptimePattern {
  const expanded = expandComposites(pattern);
  let source = "^";
  const setters: Setter[] = [];
  let hasDate = false;
  let hasTime = false;
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i] as string;
    if (ch === "%") {
      const code = expanded.slice(i, i + 2);
      i++;
      if (code === "%%") { source += "%"; continue; }
      const directive = DIRECTIVES[code];
      if (!directive) throw new StrptimeError(code.length === 2 ? code : "%", pattern);
      source += directive.regex;
      if (directive.regex.startsWith("(") && !directive.regex.startsWith("(?:")) setters.push(directive.set);
      hasDate ||= directive.date === true;
      hasTime ||= directive.time === true;
    } else if (/\s/.test(ch)) {
      source += "\\s+";
      while (i + 1 < expanded.length && /\s/.test(expanded[i + 1] as string)) i++;
    } else {
      source += escapeRegExp(ch);
    }
  }
  const regex = new RegExp(`${source}$`, "i");
  const fixed = fixedWidthPlan(expanded);
  const state: State = {
    year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: "", offset: undefined,
    shortYear: -1, pm: -1, twelveHour: false, dayOfYear: -1,
  };

  function fill(text: string): boolean {
    if (fixed && text.length === fixed.width && readFixedWidth(fixed, text, state)) return true;
    const match = regex.exec(text);
    if (!match) return false;
    for (let g = 0; g < setters.length; g++) {
      if (!(setters[g] as Setter)(state, match[g + 1] as string)) return false;
    }
    return true;
  }

  function parse(text: string): DateParts | undefined {
    state.year = 1900; state.month = 1; state.day = 1; state.hour = 0; state.minute = 0; state.second = 0;
    state.fraction = ""; state.offset = undefined; state.shortYear = -1; state.pm = -1; state.twelveHour = false; state.dayOfYear = -1;
    if (!fill(text)) return undefined;
    if (state.shortYear >= 0) state.year = expandTwoDigitYear(state.shortYear);
    if (state.twelveHour) {
      if (state.hour === 12) state.hour = state.pm === 1 ? 12 : 0;
      else if (state.pm === 1) state.hour += 12;
    }
    if (state.dayOfYear > 0) {
      const date = new Date(Date.UTC(state.year, 0, state.dayOfYear));
      if (date.getUTCFullYear() !== state.year) return undefined;
      state.month = date.getUTCMonth() + 1;
      state.day = date.getUTCDate();
    }
    if (!isValidDate(state.year, state.month, state.day)) return undefined;
    if (!isValidTime(state.hour, state.minute, state.second)) return undefined;
    return state;
  }

  return { pattern, hasDate, hasTime, parse };
}
