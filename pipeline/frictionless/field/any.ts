import type { Codec } from "./codec.ts";

/** any: no processing, the value stays as the source gives it. */
export function anyCodec(): Codec {
  return {
    parseText: (text) => text,
    textIsValue: true,
    parseValue: (value) => value,
    write: (value) => (typeof value === "string" ? value : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value)),
  };
}
