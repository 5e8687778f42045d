import { abort } from "./api-errors.ts";

/**
 * flask-restx field masks (`X-Fields: id,slug,resources{id,checksum}`): responses keep only the
 * listed keys, recursively; `*` keeps every key at its level.
 */

export type FieldMask = Map<string, FieldMask | null>;

export function parseFieldMask(text: string): FieldMask {
  let position = 0;
  const parseLevel = (): FieldMask => {
    const mask: FieldMask = new Map();
    while (position < text.length) {
      const char = text[position]!;
      if (char === "}") return mask;
      if (char === "," || char === " ") {
        position++;
        continue;
      }
      const name = /^[^,{}\s]+/.exec(text.slice(position))?.[0];
      if (!name) throw abort(400, `Mask parse error: unexpected "${char}" at position ${position}`);
      position += name.length;
      if (text[position] === "{") {
        position++;
        mask.set(name, parseLevel());
        if (text[position] !== "}") throw abort(400, `Mask parse error: missing "}" for ${name}`);
        position++;
      } else {
        mask.set(name, null);
      }
    }
    return mask;
  };
  // A mask may be wrapped in braces as a whole: `{id,slug}`.
  const trimmed = text.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) return parseFieldMask(trimmed.slice(1, -1));
  const mask = parseLevel();
  if (position < text.length) throw abort(400, `Mask parse error: unexpected "}" at position ${position}`);
  return mask;
}

export function applyFieldMask(value: unknown, mask: FieldMask): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (typeof value !== "object" || value === null) return value;
  if (mask.has("*")) return value;
  const source = value as Record<string, unknown>;
  const masked: Record<string, unknown> = {};
  for (const [key, nested] of mask) {
    if (!Object.hasOwn(source, key)) continue;
    masked[key] = nested ? applyFieldMask(source[key], nested) : source[key];
  }
  return masked;
}
