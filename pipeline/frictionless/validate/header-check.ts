import type { FieldsMatch } from "../descriptor/types.ts";
import type { ErrorProps } from "../errors/index.ts";

export interface HeaderMatch {
  /** For each schema field, the 0-based column holding it, or -1 when the table lacks it. */
  columns: number[];
  /** Number of columns the header declares (cells beyond are extra cells). */
  width: number;
  errors: { type: string; props: ErrorProps }[];
}

/**
 * Matches header labels to schema fields: by position for `exact` (the default), by name
 * for `equal`, `subset`, `superset` and `partial`. One error per label, as frictionless-py
 * reports them. Without a header (`labels` empty and `hasHeader` false) fields go by position.
 */
export function matchHeader(
  labels: readonly string[],
  fieldNames: readonly string[],
  fieldsMatch: FieldsMatch = "exact",
  hasHeader = true,
): HeaderMatch {
  const errors: HeaderMatch["errors"] = [];
  if (!hasHeader) {
    return { columns: fieldNames.map((_, k) => k), width: fieldNames.length, errors };
  }
  const base = { labels: [...labels], rowNumbers: [1] };
  if (labels.length > 0 && labels.every((label) => label.trim() === "")) {
    errors.push({ type: "blank-header", props: { ...base, note: "" } });
  } else {
    const seen = new Map<string, number>();
    labels.forEach((label, k) => {
      if (label.trim() === "") {
        errors.push({ type: "blank-label", props: { ...base, label, fieldNumber: k + 1, note: "" } });
        return;
      }
      const first = seen.get(label);
      if (first === undefined) seen.set(label, k);
      else {
        errors.push({ type: "duplicate-label", props: { ...base, label, fieldNumber: k + 1, note: `at position "${first + 1}"` } });
      }
    });
  }

  if (fieldsMatch === "exact") {
    // By position: a field without a label still owns its column (rows then miss that cell),
    // and cells beyond the schema's fields are extra cells, as frictionless-py reports them.
    const columns = fieldNames.map((name, k) => {
      const label = labels[k];
      if (label === undefined) {
        errors.push({ type: "missing-label", props: { ...base, fieldName: name, fieldNumber: k + 1, note: "" } });
        return k;
      }
      if (label.trim() !== "" && label !== name) {
        errors.push({ type: "incorrect-label", props: { ...base, label, fieldName: name, fieldNumber: k + 1, note: "" } });
      }
      return k;
    });
    for (let k = fieldNames.length; k < labels.length; k++) {
      const label = labels[k] as string;
      // A blank label already has its blank-label error.
      if (label.trim() !== "") errors.push({ type: "extra-label", props: { ...base, label, fieldNumber: k + 1, note: "" } });
    }
    return { columns, width: fieldNames.length, errors };
  }

  const byLabel = new Map<string, number>();
  labels.forEach((label, k) => {
    if (!byLabel.has(label)) byLabel.set(label, k);
  });
  const columns = fieldNames.map((name) => byLabel.get(name) ?? -1);
  const known = new Set(fieldNames);
  if (fieldsMatch === "equal" || fieldsMatch === "subset") {
    columns.forEach((column, k) => {
      if (column === -1) errors.push({ type: "missing-label", props: { ...base, fieldName: fieldNames[k] as string, fieldNumber: k + 1, note: "" } });
    });
  }
  if (fieldsMatch === "equal" || fieldsMatch === "superset") {
    labels.forEach((label, k) => {
      if (label.trim() !== "" && !known.has(label)) errors.push({ type: "extra-label", props: { ...base, label, fieldNumber: k + 1, note: "" } });
    });
  }
  if (fieldsMatch === "partial" && columns.every((column) => column === -1)) {
    errors.push({ type: "unmatched-header", props: { ...base, note: `expected at least one of ${fieldNames.map((n) => `"${n}"`).join(", ")}` } });
  }
  return { columns, width: labels.length, errors };
}
