/**
 * The `topojson` format of geojson fields: what frictionless-py's TopoJSON profile accepts
 * (its assets/profiles/topojson.json, a draft-04 JSON Schema), written as code.
 *
 * A value is an object with a `type` and an optional `bbox`, and is exactly one of:
 * - a Topology: `type` "Topology", `objects` (an object whose values are geometry objects),
 *   `arcs` (arrays of at least two items, each a position or null), optional `transform`
 *   (`scale` and `translate`, number arrays of two items or more) and `bbox`;
 * - a geometry object on its own, as the Table Schema test suite writes them:
 *   `{"type": "LineString", "arcs": [42]}`. Point and MultiPoint carry `coordinates`;
 *   LineString, MultiLineString, Polygon and MultiPolygon carry `arcs` (arc indexes nested one,
 *   two, two and three levels deep); GeometryCollection carries `geometries`. A geometry may
 *   have an `id` (string or integer) and `properties` (an object).
 *
 * A position is an array of at least two numbers. A `bbox` is two arrays of numbers.
 * JSON numbers written with a fraction (`42.0`) count as integers here: JSON.parse keeps no
 * trace of it, where the draft-04 validator would refuse them.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): boolean => typeof value === "number";
const isNumbers = (value: unknown): boolean => Array.isArray(value) && value.every(isNumber);
const isPosition = (value: unknown): boolean => isNumbers(value) && (value as unknown[]).length >= 2;

/** Arrays nested `depth` levels deep whose leaves are integers (depth 1: `[1, 2]`). */
function isArcIndexes(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  return depth === 1 ? value.every(Number.isInteger) : value.every((item) => isArcIndexes(item, depth - 1));
}

const isBbox = (value: unknown): boolean => Array.isArray(value) && value.length === 2 && value.every(isNumbers);

/** How deep the `arcs` of each arc-based geometry type are nested. */
const ARC_DEPTH: Record<string, number> = { LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

export function isTopoGeometry(value: unknown): boolean {
  if (!isObject(value) || typeof value.type !== "string") return false;
  if (value.id !== undefined && typeof value.id !== "string" && !Number.isInteger(value.id)) return false;
  if (value.properties !== undefined && !isObject(value.properties)) return false;
  const { type } = value;
  if (type === "Point") return isPosition(value.coordinates);
  if (type === "MultiPoint") return Array.isArray(value.coordinates) && value.coordinates.every(isPosition);
  if (type === "GeometryCollection") return Array.isArray(value.geometries) && value.geometries.every(isTopoGeometry);
  const depth = ARC_DEPTH[type];
  return depth !== undefined && isArcIndexes(value.arcs, depth);
}

function isTopology(value: Json): boolean {
  if (value.type !== "Topology" || !isObject(value.objects) || !Array.isArray(value.arcs)) return false;
  if (!Object.values(value.objects).every(isTopoGeometry)) return false;
  const arcsOk = value.arcs.every((arc) => Array.isArray(arc) && arc.length >= 2 && arc.every((point) => point === null || isPosition(point)));
  if (!arcsOk) return false;
  const { transform } = value;
  if (transform !== undefined && !(isObject(transform) && isPosition(transform.scale) && isPosition(transform.translate))) return false;
  return true;
}

export function isTopoJson(value: unknown): boolean {
  if (!isObject(value) || !("type" in value)) return false;
  if (value.bbox !== undefined && !isBbox(value.bbox)) return false;
  // The two shapes cannot both match: a Topology's type is "Topology", a geometry's is one of its seven.
  return isTopology(value) || isTopoGeometry(value);
}
