import type { Field, FieldType } from "../descriptor/types.ts";

/**
 * A hint for a type error, saying what is wrong with this cell and what to change, for the
 * mistakes users make most (docs/table-schema-notes.md §7): a decimal separator that disagrees with
 * `decimalChar`, units in a bare number, day-first dates under the ISO default, `%y` for `%Y`.
 * Runs only on cells that failed, so it may be slow.
 */

const DAY_FIRST_RE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;
const UNIT_RE = /^[^\d+-]*[+-]?[\d.,\s\u00A0\u202F]+[^\d]*$/;

function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}

function numberHint(field: Field, type: FieldType, text: string): string | undefined {
  const decimalChar = type === "number" ? (field.decimalChar ?? ".") : ".";
  const groupChar = field.groupChar;
  if (type === "integer" && /^[+-]?\d+[.,]\d+$/.test(text)) return "an integer has no decimal part";
  if (decimalChar !== "." && groupChar !== "." && /^[+-]?\d*\.\d+$/.test(text)) {
    return `the cell uses "." as decimal separator but the field declares decimalChar "${decimalChar}"`;
  }
  if (decimalChar === "." && groupChar !== "," && /^[+-]?\d*,\d+$/.test(text)) {
    return 'the cell uses "," as decimal separator: declare "decimalChar": "," or write the number with "."';
  }
  if (groupChar === undefined && /^[+-]?\d{1,3}([\s\u00A0\u202F]\d{3})+([.,]\d+)?$/.test(text)) {
    return 'the cell groups thousands: declare "groupChar" (e.g. " ") or write the number without separators';
  }
  if (field.bareNumber !== false && UNIT_RE.test(text) && /\d/.test(text)) {
    return 'the cell has text around the number (such as "€" or "%"): declare "bareNumber": false or remove it';
  }
  return undefined;
}

function temporalHint(type: FieldType, format: string, text: string): string | undefined {
  if (format !== "default" && format !== "any" && !format.includes("%")) return `the format has no strptime directive: write a pattern such as "%d/%m/%Y"`;
  if (format === "default" && DAY_FIRST_RE.test(text)) {
    const example = type === "date" ? '"%d/%m/%Y"' : '"%d/%m/%Y %H:%M:%S"';
    return `${type === "date" ? "dates" : "values"} must be written in ISO 8601 (${type === "date" ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM:SS"}), or the field must declare a format such as ${example}`;
  }
  if (format === "default" && type === "datetime" && /^\d{4}-\d\d-\d\d \d/.test(text)) return 'date and time must be separated by "T", or the field must declare a format such as "%Y-%m-%d %H:%M:%S"';
  if (format.includes("%y") && /\d{4}/.test(text)) return '"%y" reads a 2-digit year: use "%Y" for a 4-digit year';
  if (format.includes("%Y") && !/\d{4}/.test(text) && /\d/.test(text)) return '"%Y" reads a 4-digit year: use "%y" for a 2-digit year';
  return undefined;
}

export function typeErrorHint(field: Field, type: FieldType, format: string, raw: unknown): string | undefined {
  if (typeof raw !== "string") return raw instanceof Date ? undefined : `the cell holds a ${typeof raw} value`;
  const text = raw.trim();
  switch (type) {
    case "number":
    case "integer":
      return numberHint(field, type, text);
    case "date":
    case "time":
    case "datetime":
      return temporalHint(type, format, text);
    case "boolean":
      return `accepted values are ${quoted(field.trueValues ?? ["true", "True", "TRUE", "1"])} and ${quoted(field.falseValues ?? ["false", "False", "FALSE", "0"])}`;
    case "year":
      return "a year is written with 4 digits, e.g. 2021";
    case "yearmonth":
      return "a year and month is written YYYY-MM, e.g. 2021-02";
    case "object":
    case "array":
    case "geojson":
      return "the cell must hold JSON text";
    default:
      return undefined;
  }
}
