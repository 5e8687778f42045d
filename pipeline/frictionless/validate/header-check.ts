import type { FieldsMatch } from "../descriptor/types.ts";
import { MAX_QUOTED_ITEMS, type ErrorProps } from "../errors/index.ts";

export interface HeaderMatch {
  /** For each schema field, the 0-based column holding it, or -1 when the table lacks it. */
  columns: number[];
  /** Number of columns the header declares (cells beyond are extra cells). */
  width: number;
  errors: { type: string; props: ErrorProps }[];
}

/**
 * Matches header labels to schema fields the way frictionless-py does: by position for
 * `exact` (the default), by name for `equal`, `subset`, `superset` and `partial`, one error
 * per label. Without a header (`hasHeader` false, or an empty header row) fields go by position, unchecked.
 *
 * @param requiredFields fields that `superset` and `partial` still require (required or in the primary key)
 */
export function matchHeader(
  labels: readonly string[],
  fieldNames: readonly string[],
  fieldsMatch: FieldsMatch = "exact",
  hasHeader = true,
  requiredFields: ReadonlySet<string> = new Set(),
): HeaderMatch {
  // An empty header row reads, as in frictionless-py 5, as no header: nothing to compare. (fpy
  // never emits blank-header: a row of empty labels is one blank-label per column.)
  if (!hasHeader || labels.length === 0) {
    return { columns: fieldNames.map((_, k) => k), width: fieldNames.length, errors: [] };
  }
  const header: Header = { labels, fieldNames, fieldsMatch, base: { labels: [...labels], rowNumbers: [1] }, errors: [] };
  extraAndMissingLabels(header, requiredFields);
  return fieldsMatch === "exact" ? matchByPosition(header) : matchByName(header);
}

/** A header being matched, and its errors so far. */
interface Header {
  labels: readonly string[];
  fieldNames: readonly string[];
  fieldsMatch: FieldsMatch;
  /** What every label error says of the header. */
  base: { labels: string[]; rowNumbers: number[] };
  errors: HeaderMatch["errors"];
}

/** Labels the schema does not have, and fields the header lacks (numbered after the labels, in schema order). */
function extraAndMissingLabels(header: Header, requiredFields: ReadonlySet<string>): void {
  const { labels, fieldNames, fieldsMatch, base, errors } = header;
  const byName = fieldsMatch !== "exact";
  // Extra labels: beyond the schema's fields (exact), or naming no field (equal, superset).
  const known = new Set(fieldNames);
  labels.forEach((label, k) => {
    const extra = byName ? (fieldsMatch === "equal" || fieldsMatch === "superset") && !known.has(label) : k >= fieldNames.length;
    if (extra) errors.push({ type: "extra-label", props: { ...base, label, fieldName: "", fieldNumber: k + 1, note: "" } });
  });
  if (fieldsMatch === "partial" && fieldNames.length > 0 && !labels.some((label) => known.has(label))) {
    errors.push({ type: "unmatched-header", props: { ...base, note: `expected at least one of ${fieldNames.map((n) => `"${n}"`).join(", ")}` } });
  }
  const present = new Set(labels);
  const missing = byName
    ? fieldNames.filter((name) => !present.has(name) && (fieldsMatch === "equal" || fieldsMatch === "subset" || requiredFields.has(name)))
    : fieldNames.slice(labels.length);
  missing.forEach((name, k) => {
    errors.push({ type: "missing-label", props: { ...base, fieldName: name, fieldNumber: labels.length + k + 1, note: "" } });
  });
}

/** Fields take the column of the label naming them; a label repeated is a duplicate. */
function matchByName({ labels, fieldNames, base, errors }: Header): HeaderMatch {
  const column = new Map<string, number>();
  labels.forEach((label, k) => {
    if (column.has(label)) {
      errors.push({ type: "duplicate-label", props: { ...base, label, fieldNumber: k + 1, note: `at position "${(column.get(label) as number) + 1}"` } });
    } else column.set(label, k);
  });
  return { columns: fieldNames.map((name) => column.get(name) ?? -1), width: labels.length, errors };
}

/**
 * Fields take the columns in order: blank, duplicate and incorrect labels over the columns that
 * have a field. Earlier positions of each label are kept as the labels go by: one pass, however
 * wide the header.
 */
function matchByPosition({ labels, fieldNames, base, errors }: Header): HeaderMatch {
  const positions = new Map<string, number[]>();
  for (let k = 0; k < Math.min(labels.length, fieldNames.length); k++) {
    const label = labels[k] as string;
    const name = fieldNames[k] as string;
    if (label === "") {
      errors.push({ type: "blank-label", props: { ...base, label, fieldName: name, fieldNumber: k + 1, note: "" } });
      continue;
    }
    const earlier = positions.get(label);
    if (earlier === undefined) positions.set(label, [k + 1]);
    else {
      errors.push({ type: "duplicate-label", props: { ...base, label, fieldName: name, fieldNumber: k + 1, note: `at position "${listed(earlier)}"` } });
      earlier.push(k + 1);
      continue;
    }
    if (label.replace(/\n/g, " ").trim() !== name) {
      errors.push({ type: "incorrect-label", props: { ...base, label, fieldName: name, fieldNumber: k + 1, note: "" } });
    }
  }
  // A field without a label still owns its column (rows then miss that cell), and cells
  // beyond the schema's fields are extra cells.
  return { columns: fieldNames.map((_, k) => k), width: fieldNames.length, errors };
}

/** Positions as a note lists them: the first `MAX_QUOTED_ITEMS` (a label repeated 100,000 times must not make notes of 100,000 numbers). */
function listed(positions: readonly number[]): string {
  const shown = positions.length > MAX_QUOTED_ITEMS ? [...positions.slice(0, MAX_QUOTED_ITEMS), "…"] : positions;
  return shown.join(", ");
}
