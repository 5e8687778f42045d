import type { Field, FieldType, Schema } from "../descriptor/types.ts";
import { CAST_FAILED, compileSchema } from "../field/index.ts";
import type { SourceRow } from "../table/types.ts";

/**
 * The schema frictionless-py infers for a table that declares none, so that such a table gets
 * the same errors: fields named after the labels (`field<n>` for a blank label, `nom2` for a
 * repeat; `field1..N` after the first row's width without header), typed from the sample.
 *
 * Typing, as frictionless-py's detector does it: per column, each candidate type in turn scores
 * +1 for a cell it reads and -1 for one it does not (empty cells are left out of the count, cells
 * beyond the row's end read as null); the first to reach 90 % of the column's non-empty cells
 * wins, at the row where it does. A column that none reaches is `any`.
 */

const CANDIDATES: FieldType[] = ["yearmonth", "geopoint", "duration", "geojson", "object", "array", "datetime", "time", "date", "integer", "number", "boolean", "year", "string"];
const CONFIDENCE = 0.9;
const MISSING = [""];

export function inferSchema(labels: readonly string[], sample: readonly SourceRow[]): Schema {
  const names = fieldNames(labels, sample[0]?.cells.length ?? 0);
  const readers = compileSchema({ fields: CANDIDATES.map((type) => ({ name: type, type })), missingValues: MISSING }).fields;
  const types = names.map((_, column) => inferType(column, sample, readers));
  const fields: Field[] = names.map((name, k) => ({ name, type: types[k] as FieldType }));
  return { fields, missingValues: MISSING };
}

function inferType(column: number, sample: readonly SourceRow[], readers: ReturnType<typeof compileSchema>["fields"]): FieldType {
  let maxScore = sample.length;
  const threshold = sample.length * (CONFIDENCE - 1);
  const scores = readers.map(() => 0);
  for (const { cells } of sample) {
    const cell = column < cells.length ? cells[column] : null;
    const missing = typeof cell === "string" && MISSING.includes(cell);
    if (missing) maxScore--;
    for (let c = 0; c < readers.length; c++) {
      if ((scores[c] as number) < threshold) continue;
      if (!missing) scores[c] = (scores[c] as number) + ((readers[c] as (typeof readers)[number]).cast(cell) === CAST_FAILED ? -1 : 1);
      if (maxScore > 0 && (scores[c] as number) >= maxScore * CONFIDENCE) return CANDIDATES[c] as FieldType;
    }
  }
  return "any";
}

/** frictionless-py's names: labels trimmed (line breaks as spaces), blank ones `field<n>`, repeats numbered. */
function fieldNames(labels: readonly string[], width: number): string[] {
  const names = labels.length > 0 ? labels.map((label, k) => label.replace(/\n/g, " ").trim() || `field${k + 1}`) : Array.from({ length: width }, (_, k) => `field${k + 1}`);
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count > 1 ? `${name}${count}` : name;
  });
}
