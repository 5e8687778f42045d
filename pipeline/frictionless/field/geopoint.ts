import type { Field } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { plainNumber } from "./number.ts";
import { CAST_FAILED } from "./types.ts";

/** geopoint: logical `[lon, lat]`; formats `default` ("lon, lat"), `array`, `object`. */

const DEFAULT_RE = /^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$/;

function point(lon: unknown, lat: unknown): unknown {
  const x = typeof lon === "string" && lon.trim() !== "" ? Number(lon) : lon;
  const y = typeof lat === "string" && lat.trim() !== "" ? Number(lat) : lat;
  if (typeof x !== "number" || typeof y !== "number") return CAST_FAILED;
  return x >= -180 && x <= 180 && y >= -90 && y <= 90 ? [x, y] : CAST_FAILED;
}

function fromStructure(format: string, value: unknown): unknown {
  if (format === "array") return Array.isArray(value) && value.length === 2 ? point(value[0], value[1]) : CAST_FAILED;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 2) {
    const { lon, lat } = value as { lon?: unknown; lat?: unknown };
    return point(lon, lat);
  }
  return CAST_FAILED;
}

export function geopointCodec(_field: Field, format: string): Codec {
  if (format !== "default" && format !== "array" && format !== "object") {
    throw new FieldDefinitionError(`format "${format}" is not supported by type "geopoint": use "default", "array" or "object"`, "/format");
  }
  const parseText = format === "default"
    ? (text: string) => { const m = DEFAULT_RE.exec(text); return m ? point(Number(m[1]), Number(m[2])) : CAST_FAILED; }
    : (text: string) => { try { return fromStructure(format, JSON.parse(text)); } catch { return CAST_FAILED; } };
  const write = (value: unknown): string => {
    const [lon, lat] = (value as number[]).map((n) => plainNumber(n));
    if (format === "array") return `[${lon},${lat}]`;
    if (format === "object") return `{"lon":${lon},"lat":${lat}}`;
    return `${lon},${lat}`;
  };
  return {
    parseText,
    parseValue: (value) => (format === "default" ? fromStructure("array", value) : fromStructure(format, value)),
    write,
  };
}
