/**
 * A logical date value as the core casts it (`YYYY-MM-DD`), so that dates compare as
 * strings; undefined for a missing or unparsed value.
 */
export function toIsoDate(value: unknown): string | undefined {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
