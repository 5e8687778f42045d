/**
 * A key under which equal logical values collide, for enum and for the unique / primary-key /
 * foreign-key sets of the table validator: primitives stand for themselves, bigints that fit a
 * number become that number, arrays and objects become their JSON text.
 */
export function valueKey(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint" && Number.isSafeInteger(Number(value))) return Number(value);
    return value;
  }
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
