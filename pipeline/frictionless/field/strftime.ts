import type { DateParts } from "./strptime.ts";
import { expandComposites } from "./strptime.ts";
import { pad2, pad4 } from "./temporal-parts.ts";

/**
 * The inverse of strptime for writing: a pattern compiled once into a list of renderers, so
 * that a date field declared `%d/%m/%Y` is written back as `01/02/2021` and re-reads the same.
 * Names are written in English, which the reader accepts.
 */

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Render = (p: DateParts) => string;

const weekdayIndex = (p: DateParts): number => new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
const hour12 = (p: DateParts): number => (p.hour % 12 === 0 ? 12 : p.hour % 12);

const DIRECTIVES: Record<string, Render> = {
  Y: (p) => pad4(p.year),
  y: (p) => pad2(p.year % 100),
  m: (p) => pad2(p.month),
  d: (p) => pad2(p.day),
  H: (p) => pad2(p.hour),
  I: (p) => pad2(hour12(p)),
  M: (p) => pad2(p.minute),
  S: (p) => pad2(p.second),
  f: (p) => p.fraction.padEnd(6, "0").slice(0, 6),
  p: (p) => (p.hour < 12 ? "AM" : "PM"),
  b: (p) => (MONTHS[p.month - 1] ?? "").slice(0, 3),
  h: (p) => (MONTHS[p.month - 1] ?? "").slice(0, 3),
  B: (p) => MONTHS[p.month - 1] ?? "",
  a: (p) => (WEEKDAYS[weekdayIndex(p)] ?? "").slice(0, 3),
  A: (p) => WEEKDAYS[weekdayIndex(p)] ?? "",
  w: (p) => String(weekdayIndex(p)),
  u: (p) => String(weekdayIndex(p) || 7),
  j: (p) => String(Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 0)) / 86400000)).padStart(3, "0"),
  z: (p) => (p.offset === undefined ? "" : p.offset === "Z" ? "Z" : p.offset.replace(":", "")),
  Z: (p) => (p.offset === undefined ? "" : "UTC"),
};

export function compileStrftime(pattern: string): Render {
  const parts: (string | Render)[] = [];
  const expanded = expandComposites(pattern);
  let literal = "";
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i] as string;
    const render = ch === "%" ? DIRECTIVES[expanded[i + 1] ?? ""] : undefined;
    if (ch === "%" && expanded[i + 1] === "%") { literal += "%"; i++; continue; }
    if (render) {
      if (literal) parts.push(literal);
      literal = "";
      parts.push(render);
      i++;
      continue;
    }
    literal += ch;
  }
  if (literal) parts.push(literal);
  return (p) => {
    let out = "";
    for (const part of parts) out += typeof part === "string" ? part : part(p);
    return out;
  };
}
