/**
 * Descriptor keys in a fixed order (the spec's reading order, then any other key
 * alphabetically), so that the same descriptor always serialises to the same bytes.
 */
const PACKAGE_ORDER = ["$schema", "name", "id", "title", "description", "homepage", "version", "created", "keywords", "image", "licenses", "contributors", "sources"];
const RESOURCE_ORDER = ["name", "type", "profile", "path", "data", "title", "description", "homepage", "format", "mediatype", "encoding", "bytes", "hash", "sources", "licenses", "dialect", "schema"];

function ordered<T extends Record<string, unknown>>(value: T, first: readonly string[], last: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const key of first) if (value[key] !== undefined) out[key] = value[key];
  const rest = Object.keys(value)
    .filter((key) => !first.includes(key) && !last.includes(key) && value[key] !== undefined)
    .sort();
  for (const key of rest) out[key] = value[key];
  for (const key of last) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

export function orderPackage<T extends Record<string, unknown>>(descriptor: T): T {
  return ordered(descriptor, PACKAGE_ORDER, ["resources"]);
}

export function orderResource<T extends Record<string, unknown>>(resource: T): T {
  return ordered(resource, RESOURCE_ORDER);
}

/** JSON as written to disk: 2-space indent, final newline. */
export function descriptorJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
