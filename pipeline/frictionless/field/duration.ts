import type { Codec } from "./codec.ts";
import { CAST_FAILED } from "./types.ts";

/** duration: ISO 8601 `PnYnMnDTnHnMnS` (or `PnW`), kept as the given text. */

const DURATION_RE = /^-?P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Approximate length in seconds (a month is 30 days, a year 365 days) for minimum/maximum. */
export function durationSeconds(value: string): number {
  const m = DURATION_RE.exec(value);
  if (!m) return Number.NaN;
  const n = (i: number): number => Number((m[i] ?? "0").replace(",", "."));
  const seconds = n(1) * 31536000 + n(2) * 2592000 + n(3) * 604800 + n(4) * 86400 + n(5) * 3600 + n(6) * 60 + n(7);
  return value.startsWith("-") ? -seconds : seconds;
}

export function durationCodec(): Codec {
  return {
    parseText: (text) => (DURATION_RE.test(text) ? text : CAST_FAILED),
    parseValue: () => CAST_FAILED,
    write: (value) => value as string,
    compare: (a, b) => durationSeconds(a as string) - durationSeconds(b as string),
  };
}
