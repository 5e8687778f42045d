/** Equality of JSON values, whatever the order of object keys (the server may reorder them). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Extras are replaced wholesale by a PUT, so we send the remote ones with ours on top:
 * keys the platform ("analysis:*", "check:*") or other people added are kept.
 */
export function mergeExtras(remote: Record<string, unknown> | null | undefined, ours: Record<string, unknown>): Record<string, unknown> {
  return { ...(remote ?? {}), ...ours };
}

/** True when every one of our keys already has our value remotely. */
export function extrasContain(remote: Record<string, unknown> | null | undefined, ours: Record<string, unknown>): boolean {
  return Object.entries(ours).every(([key, value]) => sameJson((remote ?? {})[key], value));
}
