import { FieldDefinitionError } from "./codec.ts";
import { compileAlternativesPattern } from "./alternatives-pattern.ts";
import { compileSeparatedPattern } from "./separated-pattern.ts";
import { compileSimplePattern } from "./simple-pattern.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * The `pattern` constraint: XML Schema regex semantics (the whole value must match) run as a JS
 * RegExp. We wrap the pattern as `^(?:...)$` and translate what JS lacks: the name-character
 * escapes `\i \c \I \C`, character-class subtraction `[a-z-[aeiou]]`, and Python's `(?P<name>...)`
 * which users copy from frictionless-py examples. `\d` and `\w` stand for any Unicode digit and
 * word character, as in XML Schema and in Python's `re` (which frictionless-py runs): JS reads
 * them as ASCII unless they are translated for its `u` mode.
 */

const NAME_START = "A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/**
 * A class escape as JS writes it outside a class, and inside one; none inside for a negated
 * class, which a JS class cannot hold.
 */
interface ClassEscape {
  outside: string;
  inside?: string;
}
/** The name-character escapes, which JS lacks. */
const NAME_ESCAPES: Record<string, ClassEscape> = {
  i: { outside: `[${NAME_START}]`, inside: NAME_START },
  I: { outside: `[^${NAME_START}]` },
  c: { outside: `[${NAME_CHAR}]`, inside: NAME_CHAR },
  C: { outside: `[^${NAME_CHAR}]` },
};
/** The class escapes JS reads as ASCII, in Unicode terms (`u` mode). */
const UNICODE_CLASSES: Record<string, ClassEscape> = {
  d: { outside: "\\p{Nd}", inside: "\\p{Nd}" },
  D: { outside: "\\P{Nd}", inside: "\\P{Nd}" },
  w: { outside: "[\\p{L}\\p{N}_]", inside: "\\p{L}\\p{N}_" },
  W: { outside: "[^\\p{L}\\p{N}_]" },
};
/** What JS's `u` mode lets a backslash escape: its syntax characters (and `-` inside a class). */
const U_MODE_ESCAPABLE = new Set("^$\\.*+?()[]{}|/");
/** `[base-[subtracted]]`: XML Schema's class subtraction. */
const SUBTRACTION = /^\[((?:\\.|[^\]\\[])*?)-\[((?:\\.|[^\]\\])*)\]\]/;

/**
 * Whether the pattern means something else in JS's `u` mode than in its default one: a
 * `\p{…}`/`\P{…}` class (read only in `u` mode), or `\d`, `\D`, `\w`, `\W` (ASCII by default).
 */
export function usesUnicodeClasses(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== "\\") continue;
    const next = pattern[i + 1] ?? "";
    if (((next === "p" || next === "P") && pattern[i + 2] === "{") || next in UNICODE_CLASSES) return true;
    i++;
  }
  return false;
}

/**
 * The pattern as JS RegExp source. `unicode`: for the `u` flag, `\d` and `\w` read as Unicode
 * classes; else as JS reads them, ASCII (the char-code matchers' reading, right on ASCII texts).
 * Throws a SyntaxError for what JS cannot say: `\I`, `\C` or (`u` mode) `\W` inside a class.
 */
export function translateXsdPattern(pattern: string, unicode = false): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "\\") {
      out += translateEscape(pattern[i + 1] ?? "", inClass, unicode);
      i++;
      continue;
    }
    if (!inClass && pattern.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (!inClass && pattern.startsWith("(?P=", i)) {
      const end = pattern.indexOf(")", i);
      // Never closed: left as written, for the RegExp to reject.
      if (end < 0) return out + pattern.slice(i);
      out += `\\k<${pattern.slice(i + 4, end)}>`;
      i = end;
      continue;
    }
    if (!inClass && ch === "[") {
      const subtraction = SUBTRACTION.exec(pattern.slice(i));
      if (subtraction) {
        const [whole, base, subtracted] = subtraction as unknown as [string, string, string];
        out += `(?:(?![${classBody(subtracted, unicode)}])[${classBody(base, unicode)}])`;
        i += whole.length - 1;
        continue;
      }
      inClass = true;
      out += ch;
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (inClass && ch === "]") inClass = false;
    out += ch;
  }
  return out;
}

/**
 * `\` followed by `next`, in JS: a class escape JS lacks (`\i`…, and in `u` mode `\d`, `\w`…)
 * as the class it stands for.
 */
function translateEscape(next: string, inClass: boolean, unicode: boolean): string {
  const escape = NAME_ESCAPES[next] ?? (unicode ? UNICODE_CLASSES[next] : undefined);
  if (escape === undefined) return unicode ? unicodeIdentityEscape(next, inClass) : `\\${next}`;
  const written = inClass ? escape.inside : escape.outside;
  if (written === undefined) throw new SyntaxError(`\\${next} inside a character class has no JavaScript equivalent: write the class without it`);
  return written;
}

/** Punctuation that XML Schema or Python escape but `u` mode does not (`\-` outside a class, `\@`…), as itself. */
function unicodeIdentityEscape(next: string, inClass: boolean): string {
  const punctuation = next !== "" && next.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(next);
  if (!punctuation || U_MODE_ESCAPABLE.has(next) || (inClass && next === "-")) return `\\${next}`;
  return next;
}

/** The inside of a class, its escapes translated. */
function classBody(body: string, unicode: boolean): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      out += translateEscape(body[i + 1] ?? "", true, unicode);
      i++;
    } else out += body[i];
  }
  return out;
}

/**
 * Compiled once per field; throws FieldDefinitionError when the pattern is not a valid regex.
 * Fixed-length patterns, separated words and alternatives of fixed length get a char-code matcher
 * (simple-pattern.ts, separated-pattern.ts, alternatives-pattern.ts), the rest a RegExp.
 */
export function compilePattern(pattern: string): { test(text: string): boolean } {
  try {
    const unicode = usesUnicodeClasses(pattern);
    const ascii = translateXsdPattern(pattern);
    const regex = new RegExp(`^(?:${unicode ? translateXsdPattern(pattern, true) : ascii})$`, unicode ? "u" : "");
    const fast = compileSimplePattern(ascii) ?? compileSeparatedPattern(ascii) ?? compileAlternativesPattern(ascii);
    if (fast === undefined) return regex;
    if (!unicode) return { test: fast };
    // The char-code matchers read `\d` and `\w` as ASCII: right on ASCII texts only. When the
    // Unicode reading can only accept more (no negation, no `.`, ASCII only), what they accept is
    // matched, and only a non-ASCII text they refuse needs the RegExp.
    if (onlyWidensInUnicode(pattern)) return { test: (text: string) => fast(text) || (!isAscii(text) && regex.test(text)) };
    return { test: (text: string) => (isAscii(text) ? fast(text) : regex.test(text)) };
  } catch (error) {
    throw new FieldDefinitionError(
      `constraint "pattern" is "${pattern}", which is not a valid regular expression (${describeThrown(error).message}): write it in XML Schema regex syntax, e.g. "[0-9]{9}" for a SIREN`,
      "/constraints/pattern",
    );
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Whether the `u` reading of an ASCII pattern accepts every text its ASCII reading does: it negates no class and has no `.`. */
function onlyWidensInUnicode(pattern: string): boolean {
  return isAscii(pattern) && !/\\[DWSP]|\[\^|\./.test(pattern);
}
