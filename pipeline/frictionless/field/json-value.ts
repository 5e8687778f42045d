import type { Field } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { isTopoJson } from "./topojson.ts";
import { CAST_FAILED } from "./types.ts";

/**
 * object, array and geojson: JSON text (CSV) or already-parsed values (JSON tables).
 * Logical values are plain objects/arrays, written back as compact JSON.
 */

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return CAST_FAILED;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const jsonLength = (value: unknown): number => (Array.isArray(value) ? value.length : Object.keys(value as object).length);

function jsonCodec(accept: (value: unknown) => unknown): Codec {
  return {
    parseText: (text) => { const value = parseJson(text); return value === CAST_FAILED ? CAST_FAILED : accept(value); },
    parseValue: accept,
    write: (value) => JSON.stringify(value),
    length: jsonLength,
  };
}

export function objectCodec(): Codec {
  return jsonCodec((value) => (isPlainObject(value) ? value : CAST_FAILED));
}

/** An array: its items, when `arrayItem` gives them a type, are read by `withArrayItems` (array-items.ts). */
export function arrayCodec(field: Field): Codec {
  if (field.arrayItem !== undefined && !isPlainObject(field.arrayItem)) {
    throw new FieldDefinitionError('"arrayItem" must be a field descriptor object, e.g. {"type": "string"}', "/arrayItem");
  }
  return jsonCodec((value) => (Array.isArray(value) ? value : CAST_FAILED));
}

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]);

function isPosition(value: unknown): boolean {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));
}

/** Depth of nested arrays of positions each geometry type needs. */
const COORDINATE_DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function hasCoordinates(value: unknown, depth: number): boolean {
  if (depth === 0) return isPosition(value);
  return Array.isArray(value) && value.every((v) => hasCoordinates(v, depth - 1));
}

export function isGeoJson(value: unknown): boolean {
  if (!isPlainObject(value) || typeof value.type !== "string") return false;
  const type = value.type;
  if (GEOMETRY_TYPES.has(type)) return hasCoordinates(value.coordinates, COORDINATE_DEPTH[type] ?? 0);
  if (type === "GeometryCollection") return Array.isArray(value.geometries) && value.geometries.every(isGeoJson);
  if (type === "Feature") return value.geometry === null || isGeoJson(value.geometry);
  if (type === "FeatureCollection") {
    return Array.isArray(value.features) && value.features.every((f) => isPlainObject(f) && f.type === "Feature" && isGeoJson(f));
  }
  return false;
}

export function geojsonCodec(_field: Field, format: string): Codec {
  if (format !== "default" && format !== "topojson") {
    throw new FieldDefinitionError(`format "${format}" is not supported by type "geojson": use "default" or "topojson"`, "/format");
  }
  const valid = format === "topojson" ? isTopoJson : isGeoJson;
  return jsonCodec((value) => (valid(value) ? value : CAST_FAILED));
}
