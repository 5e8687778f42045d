/**
 * A logical date value as `YYYY-MM-DD`, whatever the core hands over (a Date at UTC
 * midnight or an ISO string), so that dates compare as strings. Anything else is undefined.
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}
