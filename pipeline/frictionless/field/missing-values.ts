/**
 * missingValues: raw strings compared before any type parsing. A field-level list replaces the
 * schema-level one; `[]` disables null conversion. v2 `{value, label}` entries count by value.
 */

export const DEFAULT_MISSING_VALUES: readonly string[] = [""];

export function missingValueStrings(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((entry) => (typeof entry === "object" && entry !== null ? String((entry as { value?: unknown }).value ?? "") : String(entry)));
}

const never = (): boolean => false;
/** The test of the default missing values, `[""]`: a field that has it knows an empty text cell is missing without calling it. */
export const isEmpty = (raw: string): boolean => raw === "";

/** Builds the per-cell test; the `[""]` default needs no lookup. */
export function buildIsMissing(values: readonly string[]): (raw: string) => boolean {
  if (values.length === 0) return never;
  if (values.length === 1 && values[0] === "") return isEmpty;
  if (values.length === 1) {
    const only = values[0];
    return (raw) => raw === only;
  }
  const set = new Set(values);
  return (raw) => set.has(raw);
}
