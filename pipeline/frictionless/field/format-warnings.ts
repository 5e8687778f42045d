import type { Schema } from "../descriptor/types.ts";
import { normaliseFormat } from "./compile-field.ts";

const TEMPORAL = new Set(["date", "time", "datetime"]);

/**
 * What a schema declares that frictionless-py accepts, and so do we, but that is almost surely a
 * mistake: said as warnings of the table's task, so that the type errors it causes are explained.
 * - a date, time or datetime `format` with no `%` directive ("DD/MM/YYYY"): as Python's strptime,
 *   it reads only its own literal text, so every other non-empty cell is a type-error.
 */
export function formatWarnings(schema: Schema): string[] {
  const warnings: string[] = [];
  for (const field of schema.fields) {
    const format = normaliseFormat(field.format);
    if (!TEMPORAL.has(field.type ?? "any") || format === "default" || format === "any" || format.includes("%")) continue;
    warnings.push(
      `field "${field.name}": format "${format}" has no strptime directive, so it reads only the text "${format}" itself ` +
        `and each other non-empty cell is a type-error: write a pattern such as "%d/%m/%Y", or use "default" or "any"`,
    );
  }
  return warnings;
}
