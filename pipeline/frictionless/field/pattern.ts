import { FieldDefinitionError } from "./codec.ts";
import { compileAlternativesPattern } from "./alternatives-pattern.ts";
import { compileSeparatedPattern } from "./separated-pattern.ts";
import { compileSimplePattern } from "./simple-pattern.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * The `pattern` constraint: XML Schema regex semantics (the whole value must match) run as a JS
 * RegExp. We wrap the pattern as `^(?:...)$` and translate what JS lacks: the name-character
 * escapes `\i \c \I \C`, character-class subtraction `[a-z-[aeiou]]`, and Python's `(?P<name>...)`
 * which users copy from frictionless-py examples.
 */

const NAME_START = "A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const ESCAPES: Record<string, string> = {
  i: `[${NAME_START}]`, I: `[^${NAME_START}]`, c: `[${NAME_CHAR}]`, C: `[^${NAME_CHAR}]`,
};

export function translateXsdPattern(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && next in ESCAPES) out += ESCAPES[next];
      else out += ch + next;
      i++;
      continue;
    }
    if (!inClass && ch === "(" && pattern.startsWith("(?P<", i)) { out += "(?<"; i += 3; continue; }
    if (!inClass && ch === "(" && pattern.startsWith("(?P=", i)) {
      const end = pattern.indexOf(")", i);
      out += `\\k<${pattern.slice(i + 4, end)}>`;
      i = end;
      continue;
    }
    if (!inClass && ch === "[") {
      const subtraction = /^\[((?:\\.|[^\]\\[])*?)-\[((?:\\.|[^\]\\])*)\]\]/.exec(pattern.slice(i));
      if (subtraction) {
        out += `(?:(?![${subtraction[2]}])[${subtraction[1]}])`;
        i += subtraction[0].length - 1;
        continue;
      }
      inClass = true;
      out += ch;
      if (pattern[i + 1] === "]") { out += "\\]"; i++; }
      continue;
    }
    if (inClass && ch === "]") inClass = false;
    out += ch;
  }
  return out;
}

/**
 * Compiled once per field; throws FieldDefinitionError when the pattern is not a valid regex.
 * Fixed-length patterns, separated words and alternatives of fixed length get a char-code matcher
 * (simple-pattern.ts, separated-pattern.ts, alternatives-pattern.ts), the rest a RegExp.
 */
export function compilePattern(pattern: string): { test(text: string): boolean } {
  const translated = translateXsdPattern(pattern);
  const source = `^(?:${translated})$`;
  const unicode = /\\[pP]\{/.test(pattern);
  try {
    const regex = new RegExp(source, unicode ? "u" : "");
    const fast = compileSimplePattern(translated) ?? compileSeparatedPattern(translated) ?? compileAlternativesPattern(translated);
    return fast ? { test: fast } : regex;
  } catch (error) {
    throw new FieldDefinitionError(
      `constraint "pattern" is "${pattern}", which is not a valid regular expression (${describeThrown(error).message}): write it in XML Schema regex syntax, e.g. "[0-9]{9}" for a SIREN`,
      "/constraints/pattern",
    );
  }
}
