import { abort, formErrors, ApiError } from "./api-errors.ts";
import { isPlainObject } from "./json-body.ts";
import { nowIso } from "./ids.ts";
import { FREQUENCIES, GRANULARITIES, LEGACY_FREQUENCIES, LICENSES, ZONE_LEVELS } from "./reference-lists.ts";
import { slugify } from "../../pipeline/publish/slugify.ts";
import type { Spatial, StoredDataset, TemporalCoverage } from "./store.ts";

/**
 * `DatasetForm` of docs/datagouv-api.md §5.1/§5.3: validates the keys present in a payload and returns
 * the stored values they set. Absent keys are absent from the result (partial PUT semantics);
 * read-only and unknown keys are ignored, as WTForms does.
 */

export type DatasetChanges = Partial<Omit<StoredDataset, "id" | "slug" | "previousSlugs" | "resources" | "created_at" | "last_modified" | "organizationId" | "ownerId">> & {
  /** Raw `resources` list, validated by the resource form when applied. */
  resources?: unknown[];
  /** Organization id asked for (create) or sent back (update). */
  organization?: string | null;
};

const TITLE_MAX = 350;
const DESCRIPTION_MAX = 100_000;
const DESCRIPTION_SHORT_MAX = 200;
const TAG_MIN = 3;
const TAG_MAX = 96;
const REQUIRED = "This field is required.";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateDatasetPayload(payload: Record<string, unknown>, mode: "create" | "update"): DatasetChanges {
  const errors: Record<string, unknown> = {};
  const changes: DatasetChanges = {};
  const has = (key: string): boolean => Object.hasOwn(payload, key);

  // udata raises a ValueError for the frequency before the form reports field errors.
  if (has("frequency")) changes.frequency = parseFrequency(payload.frequency);

  if (mode === "create" || has("title")) {
    const title = requiredText(payload.title, TITLE_MAX);
    if (typeof title === "string") changes.title = title;
    else errors.title = title.errors;
  }
  if (mode === "create" || has("description")) {
    const description = requiredText(payload.description, DESCRIPTION_MAX);
    if (typeof description === "string") changes.description = description;
    else errors.description = description.errors;
  }
  for (const [key, max] of [["description_short", DESCRIPTION_SHORT_MAX], ["acronym", 128]] as const) {
    if (!has(key)) continue;
    const value = payload[key];
    if (value === null || value === "") changes[key] = null;
    else if (typeof value !== "string") errors[key] = ["Not a valid string."];
    else if (value.length > max) errors[key] = [`Field cannot be longer than ${max} characters.`];
    else changes[key] = value;
  }
  if (has("license")) {
    const value = payload.license;
    if (value === null || value === "") changes.license = null;
    else if (typeof value === "string" && LICENSES.some((license) => license.id === value)) changes.license = value;
    else errors.license = ["Not a valid choice"];
  }
  if (has("frequency_date")) {
    const value = payload.frequency_date;
    if (value === null || value === "") changes.frequency_date = null;
    else if (typeof value === "string" && !Number.isNaN(Date.parse(value))) changes.frequency_date = new Date(value).toISOString().replace("Z", "+00:00");
    else errors.frequency_date = ["Not a valid datetime value."];
  }
  if (has("temporal_coverage")) {
    const coverage = parseTemporalCoverage(payload.temporal_coverage);
    if (coverage instanceof Array) errors.temporal_coverage = coverage;
    else changes.temporal_coverage = coverage;
  }
  if (has("spatial")) {
    const spatial = parseSpatial(payload.spatial);
    if (spatial && "errors" in spatial) errors.spatial = spatial.errors;
    else changes.spatial = spatial;
  }
  if (has("tags")) {
    const tags = parseTags(payload.tags);
    if ("errors" in tags) errors.tags = tags.errors;
    else changes.tags = tags.tags;
  }
  if (has("private")) {
    const value = payload.private;
    if (value === null) changes.private = false;
    else if (typeof value === "boolean") changes.private = value;
    else errors.private = ["Not a valid boolean."];
  }
  if (has("featured") && typeof payload.featured === "boolean") changes.featured = payload.featured;
  if (has("extras")) {
    const value = payload.extras;
    if (value === null) changes.extras = {};
    else if (!isPlainObject(value)) errors.extras = ["Extras must be a JSON object."];
    else {
      const custom = Object.keys(value).filter((key) => key.startsWith("custom:"));
      if (custom.length > 0) {
        throw new ApiError(400, {
          errors: { extras: Object.fromEntries(custom.map((key) => [key, "Dataset's organization did not define the requested custom metadata."])) },
          message: `Dataset's organization did not define the requested custom metadata: ${custom.join(", ")}`,
        });
      }
      changes.extras = structuredClone(value);
    }
  }
  if (has("contact_points")) {
    const value = payload.contact_points;
    if (value === null) changes.contact_points = [];
    else if (Array.isArray(value)) changes.contact_points = structuredClone(value);
    else errors.contact_points = ["Not a valid list."];
  }
  if (has("access_type")) {
    const value = payload.access_type;
    if (value === null) changes.access_type = "open";
    else if (typeof value === "string" && ["open", "open_with_account", "restricted"].includes(value)) changes.access_type = value;
    else errors.access_type = ["Not a valid choice"];
  }
  for (const key of ["deleted", "archived"] as const) {
    if (!has(key)) continue;
    const value = payload[key];
    if (value === null) changes[key] = null;
    else if (typeof value === "string" && !Number.isNaN(Date.parse(value))) changes[key] = nowIsoFrom(value);
    else errors[key] = ["Not a valid datetime value."];
  }
  if (has("organization")) {
    const value = payload.organization;
    if (value === null || typeof value === "string") changes.organization = value;
    else if (isPlainObject(value) && typeof value.id === "string") changes.organization = value.id;
    else errors.organization = ["Not a valid organization identifier"];
  }
  if (has("resources")) {
    const value = payload.resources;
    if (value === null) changes.resources = [];
    else if (Array.isArray(value)) changes.resources = value;
    else errors.resources = ["Not a valid list."];
  }
  if (Object.keys(errors).length > 0) throw formErrors(errors);
  return changes;
}

function nowIsoFrom(value: string): string {
  return value === "" ? nowIso() : new Date(value).toISOString().replace("Z", "+00:00");
}

function requiredText(value: unknown, max: number): string | { errors: string[] } {
  if (typeof value !== "string" || value.trim() === "") return { errors: [REQUIRED] };
  if (value.length > max) return { errors: [`Field cannot be longer than ${max} characters.`] };
  return value;
}

/** Python's `%r` of the rejected value, as in `'foo' is not a valid UpdateFrequency`. */
function pythonRepr(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  return JSON.stringify(value);
}

export function parseFrequency(value: unknown): string {
  if (value === null) return "unknown";
  if (typeof value === "string") {
    if (FREQUENCIES.some((frequency) => frequency.id === value)) return value;
    const current = LEGACY_FREQUENCIES[value];
    if (current) return current;
  }
  throw abort(400, `${pythonRepr(value)} is not a valid UpdateFrequency`);
}

function parseTemporalCoverage(value: unknown): TemporalCoverage | null | string[] {
  if (value === null) return null;
  let start: unknown;
  let end: unknown;
  if (typeof value === "string") {
    // Legacy "start - end" form.
    [start, end] = value.split(" - ").map((part) => part.trim());
  } else if (isPlainObject(value)) {
    ({ start, end } = value);
  } else {
    return ["Expected an object {start, end}."];
  }
  if (typeof start !== "string" || !DATE.test(start) || Number.isNaN(Date.parse(start))) return ["Start date is required and must be YYYY-MM-DD."];
  if (end === undefined || end === null || end === "") return { start, end: null };
  if (typeof end !== "string" || !DATE.test(end) || Number.isNaN(Date.parse(end))) return ["End date must be YYYY-MM-DD or null."];
  if (end < start) return ["End date must be after start date."];
  return { start, end };
}

function parseSpatial(value: unknown): Spatial | null | { errors: Record<string, string[]> } {
  if (value === null) return null;
  if (!isPlainObject(value)) return { errors: { spatial: ["Expected an object {zones, granularity, geom}."] } };
  const errors: Record<string, string[]> = {};
  const zones: string[] = [];
  if (value.zones !== undefined && value.zones !== null) {
    if (!Array.isArray(value.zones) || !value.zones.every((zone) => typeof zone === "string")) {
      errors.zones = ["Zones must be a list of GeoIDs."];
    } else {
      const unknown: string[] = [];
      for (const zone of value.zones as string[]) {
        const geoid = normaliseGeoId(zone);
        if (geoid) zones.push(geoid);
        else unknown.push(zone);
      }
      if (unknown.length > 0) errors.zones = [`Unknown geoid(s): ${unknown.join(", ")}`];
    }
  }
  let granularity: string | null = "other";
  if (value.granularity !== undefined && value.granularity !== null) {
    if (typeof value.granularity === "string" && GRANULARITIES.some((level) => level.id === value.granularity)) granularity = value.granularity;
    else errors.granularity = ["Not a valid choice"];
  }
  const geom = value.geom ?? null;
  if (geom !== null) {
    if (zones.length > 0) errors.geom = ["Cannot specify both zones and geom"];
    else if (!isPlainObject(geom) || geom.type !== "MultiPolygon" || !Array.isArray(geom.coordinates)) errors.geom = ["Invalid GeoJSON MultiPolygon"];
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { zones: [...new Set(zones)], granularity, geom };
}

/** GeoIDs are `<level>:<code>`, lowercased; `/` is accepted as separator and `@validity` ignored. */
function normaliseGeoId(zone: string): string | null {
  const geoid = zone.split("@")[0]!.trim().toLowerCase().replace(/\//g, ":");
  const separator = geoid.lastIndexOf(":");
  if (separator <= 0) return null;
  const level = geoid.slice(0, separator);
  const code = geoid.slice(separator + 1);
  if (!ZONE_LEVELS.some((known) => known.id === level) || !/^[a-z0-9][a-z0-9_-]*$/.test(code)) return null;
  return geoid;
}

function parseTags(value: unknown): { tags: string[] } | { errors: string[] } {
  if (value === null) return { tags: [] };
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === "string")) return { errors: ["Tags must be a list of strings."] };
  const tags = new Set<string>();
  for (const raw of value as string[]) {
    const tag = slugify(raw, { maxLength: 255 });
    if (tag.length < TAG_MIN || tag.length > TAG_MAX) {
      return { errors: [`Tag "${tag}" must be between ${TAG_MIN} and ${TAG_MAX} characters long.`] };
    }
    tags.add(tag);
  }
  return { tags: [...tags].sort() };
}
