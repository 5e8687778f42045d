/**
 * `JSON.stringify(value, null, 2)` as a sequence of small pieces, so that a report is written
 * out as it is serialised: a report of any size never becomes one string (V8 cannot make strings
 * longer than about 512 MB, and a report that big would hold its whole size in memory twice).
 * The pieces joined are exactly `JSON.stringify(value, null, 2)` for plain data.
 */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    const inner = `\n${"  ".repeat(depth + 1)}`;
    for (let k = 0; k < value.length; k++) {
      yield k === 0 ? `[${inner}` : `,${inner}`;
      const item: unknown = value[k];
      yield* isLeaf(item) ? [JSON.stringify(item) ?? "null"] : jsonPieces(item, depth + 1);
    }
    return yield `\n${"  ".repeat(depth)}]`;
  }
  if (isLeaf(value)) return yield JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && typeof item !== "function");
  if (entries.length === 0) return yield "{}";
  const inner = `\n${"  ".repeat(depth + 1)}`;
  let first = true;
  for (const [key, item] of entries) {
    yield `${first ? "{" : ","}${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* isLeaf(item) ? [JSON.stringify(item)] : jsonPieces(item, depth + 1);
  }
  yield `\n${"  ".repeat(depth)}}`;
}

/** Values serialised as they are: primitives, and objects that serialise themselves (a Date). */
function isLeaf(value: unknown): boolean {
  return value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/** Joins pieces into strings of about `size` characters: few writes, none of them big. */
export function* batchedPieces(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buffer = "";
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer !== "") yield buffer;
}
