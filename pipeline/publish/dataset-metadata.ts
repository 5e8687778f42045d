import type { DatasetPayload, RemoteDataset } from "./datagouv/types.ts";
import { extrasContain, mergeExtras, sameJson } from "./same-json.ts";
import { normaliseTags } from "./slugify.ts";
import { DATASET_MARKER, type LocalDataset } from "./types.ts";
import { datagouvFrequency, datagouvLicense } from "./vocabularies.ts";

export type DatasetField = "title" | "description" | "license" | "frequency" | "tags" | "temporal_coverage" | "spatial" | "private" | "extras";

/** Our extras for the dataset: the package's stable metadata plus the marker that finds it again. */
export function datasetExtras(local: LocalDataset): Record<string, unknown> {
  return { ...local.extras, [DATASET_MARKER]: local.package };
}

/**
 * The full dataset body: `private` always explicit (production treats a missing one as
 * public), extras merged with the remote ones, never `resources` (docs/datagouv-api.md §5.3).
 * Assumes checkLocalDataset passed (licence and frequency are known).
 */
export function datasetPayload(local: LocalDataset, remote: RemoteDataset | undefined): DatasetPayload {
  const payload: DatasetPayload = {
    title: local.title,
    description: local.description,
    license: datagouvLicense(local.license) ?? local.license,
    frequency: datagouvFrequency(local.frequency) ?? local.frequency,
    tags: normaliseTags(local.tags),
    private: local.private,
    extras: mergeExtras(remote?.extras, datasetExtras(local)),
  };
  if (local.temporalCoverage) payload.temporal_coverage = { start: local.temporalCoverage.start, end: local.temporalCoverage.end };
  if (local.spatial) payload.spatial = { zones: local.spatial.zones.map((zone) => zone.toLowerCase()), granularity: local.spatial.granularity };
  if (!remote && local.organization) payload.organization = local.organization;
  return payload;
}

/** The fields whose remote value differs from the package; fields the package leaves unset are not ours to manage. */
export function datasetDifferences(local: LocalDataset, remote: RemoteDataset): DatasetField[] {
  const want = datasetPayload(local, remote);
  const differs: DatasetField[] = [];
  if (remote.title !== want.title) differs.push("title");
  if ((remote.description ?? "") !== want.description) differs.push("description");
  if ((remote.license ?? "notspecified") !== want.license) differs.push("license");
  if ((remote.frequency ?? "unknown") !== want.frequency) differs.push("frequency");
  if (!sameJson([...(remote.tags ?? [])].sort(), want.tags)) differs.push("tags");
  if (want.temporal_coverage && !sameCoverage(remote.temporal_coverage, want.temporal_coverage)) differs.push("temporal_coverage");
  if (want.spatial && !sameSpatial(remote.spatial, want.spatial)) differs.push("spatial");
  if ((remote.private ?? false) !== want.private) differs.push("private");
  if (!extrasContain(remote.extras, datasetExtras(local))) differs.push("extras");
  return differs;
}

function sameCoverage(remote: RemoteDataset["temporal_coverage"], want: { start: string; end: string }): boolean {
  return !!remote && day(remote.start) === day(want.start) && day(remote.end) === day(want.end);
}

function sameSpatial(remote: RemoteDataset["spatial"], want: { zones: string[]; granularity: string }): boolean {
  if (!remote) return false;
  // Zones are ids, or {id, ...} objects when full objects were asked for (docs/datagouv-api.md §9.3).
  const zones = (remote.zones ?? []).map((zone) => (typeof zone === "string" ? zone : zone.id).toLowerCase()).sort();
  return sameJson(zones, [...want.zones].sort()) && (remote.granularity ?? "other") === want.granularity;
}

// The server renders dates as YYYY-MM-DD; a datetime given locally is compared on its day.
function day(value: string | null | undefined): string {
  return (value ?? "").slice(0, 10);
}
