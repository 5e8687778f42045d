import type { Codec } from "./codec.ts";
import { pad2, pad4 } from "./temporal-parts.ts";
import { CAST_FAILED } from "./types.ts";

/** year (logical: number) and yearmonth (logical: `YYYY-MM` string), exactly 4-digit years as fpy. */

const YEAR_RE = /^\d{4}$/;
const YEARMONTH_RE = /^(\d{4})-(\d\d)$/;

export function yearCodec(): Codec {
  return {
    parseText: (text) => (YEAR_RE.test(text) ? +text : CAST_FAILED),
    parseValue: (value) => {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getUTCFullYear();
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 9999 ? value : CAST_FAILED;
    },
    write: (value) => pad4(value as number),
    compare: (a, b) => (a as number) - (b as number),
  };
}

export function yearmonthCodec(): Codec {
  const parseText = (text: string): unknown => {
    const m = YEARMONTH_RE.exec(text);
    if (!m) return CAST_FAILED;
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? text : CAST_FAILED;
  };
  return {
    parseText,
    parseValue: (value) => {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `${pad4(value.getUTCFullYear())}-${pad2(value.getUTCMonth() + 1)}`;
      if (Array.isArray(value) && value.length === 2) return parseText(`${pad4(Number(value[0]))}-${pad2(Number(value[1]))}`);
      return CAST_FAILED;
    },
    write: (value) => value as string,
    compare: (a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0),
  };
}
