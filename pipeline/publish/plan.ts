import { datasetDifferences, type DatasetField } from "./dataset-metadata.ts";
import type { RemoteDataset, RemoteResource } from "./datagouv/types.ts";
import { PublishError } from "./errors.ts";
import { orderResources, sameOrder } from "./order.ts";
import { resourceDifferences, type ResourceField } from "./resource-metadata.ts";
import type { PackageState } from "./publication-state.ts";
import { titlesAfterUpload } from "./upload-name.ts";
import { RESOURCE_MARKER, type FileDigest, type LocalDataset, type LocalResource, type WithheldFile } from "./types.ts";

export type DatasetPlan =
  | { action: "create"; title: string }
  | { action: "update"; id: string; slug: string; title: string; fields: DatasetField[] }
  /** Deleted on the server (a soft delete) but still ours: put back, then its metadata if they differ. */
  | { action: "restore"; id: string; slug: string; title: string; fields: DatasetField[] }
  | { action: "unchanged"; id: string; slug: string; title: string };

export type ResourceAction = "create" | "replace" | "update-metadata" | "unchanged" | "delete";

export interface ResourcePlan {
  key: string;
  action: ResourceAction;
  title: string;
  /** Remote id, when the resource exists. */
  id?: string;
  /** Local file size (bytes to upload for create/replace). */
  bytes?: number;
  /** Size of the file currently on the server. */
  remoteBytes?: number;
  sha1?: string;
  /** Why a file of the package is not offered (a delete of a withheld file). */
  reason?: string;
  /** Metadata fields that differ (update-metadata; for replace, besides the file). */
  fields?: ResourceField[];
  /** The metadata PUT also carries the provenance: it completes an upload. */
  withProvenance?: boolean;
  /** A file uploaded by an interrupted run, recognised by its title and sha1, taken over. */
  adopted?: boolean;
}

export interface Plan {
  package: string;
  dataset: DatasetPlan;
  /** Package resources in package order, then deletions. */
  resources: ResourcePlan[];
  /** The package order must be restored at the end. */
  reorder: boolean;
  /** Files of the package not offered on purpose, with why (LocalDataset.withheld). */
  withheld: WithheldFile[];
}

/**
 * What to do so that the remote dataset matches the package. Pure: `files` holds the
 * sha1 and size of each local file by resource key, `state` what earlier runs recorded.
 */
export function planPublication(local: LocalDataset, remote: RemoteDataset | undefined, state: PackageState, files: ReadonlyMap<string, FileDigest>): Plan {
  const digest = (resource: LocalResource): FileDigest => {
    const found = files.get(resource.key);
    if (!found) {
      const location = `resource "${resource.key}"`;
      throw new PublishError({ code: "local-file", package: local.package, message: `package "${local.package}", ${location}: no sha1/size given to planPublication`, hint: "compute them with digestResources (a bug in the caller)" });
    }
    return found;
  };
  if (!remote) {
    return {
      package: local.package,
      dataset: { action: "create", title: local.title },
      resources: local.resources.map((resource) => ({ key: resource.key, action: "create", title: resource.title, bytes: digest(resource).size, sha1: digest(resource).sha1, withProvenance: true })),
      reorder: local.resources.length > 1,
      withheld: [...(local.withheld ?? [])],
    };
  }
  const fields = datasetDifferences(local, remote);
  const base = { id: remote.id, slug: remote.slug, title: local.title };
  const dataset: DatasetPlan = remote.deleted ? { action: "restore", ...base, fields } : fields.length > 0 ? { action: "update", ...base, fields } : { action: "unchanged", ...base };

  const stateIds = new Map(Object.entries(state.resources).map(([key, entry]) => [entry.id, key]));
  const claimed = new Set<string>();
  const resources: ResourcePlan[] = local.resources.map((resource) => {
    const file = digest(resource);
    const match = matchResource(resource, file, remote.resources, state, stateIds, claimed);
    if (!match) return { key: resource.key, action: "create", title: resource.title, bytes: file.size, sha1: file.sha1, withProvenance: true };
    claimed.add(match.remote.id);
    const step = { key: resource.key, title: resource.title, id: match.remote.id, bytes: file.size, remoteBytes: match.remote.filesize ?? undefined, sha1: file.sha1 };
    const differs = resourceDifferences(resource, match.remote);
    if (!sameFile(match.remote, file)) return { ...step, action: "replace", fields: differs, withProvenance: true };
    const completesUpload = match.adopted || state.resources[resource.key]?.pendingMetadata === true || match.remote.extras?.[RESOURCE_MARKER] !== resource.key;
    if (differs.length === 0 && !completesUpload) return { ...step, action: "unchanged" };
    return { ...step, action: "update-metadata", fields: differs, withProvenance: completesUpload, ...(match.adopted ? { adopted: true } : {}) };
  });

  for (const candidate of remote.resources) {
    if (claimed.has(candidate.id) || !isOurs(candidate, stateIds)) continue;
    const key = typeof candidate.extras?.[RESOURCE_MARKER] === "string" ? (candidate.extras[RESOURCE_MARKER] as string) : (stateIds.get(candidate.id) ?? candidate.title);
    resources.push({ key, action: "delete", title: candidate.title, id: candidate.id, remoteBytes: candidate.filesize ?? undefined, ...withheldReason(local, key) });
  }
  return { package: local.package, dataset, resources, reorder: needsReorder(remote.resources, resources), withheld: [...(local.withheld ?? [])] };
}

/** The reason a file of ours leaves the dataset, when the package withholds it on purpose. */
export function withheldReason(local: LocalDataset, key: string): { reason?: string } {
  const reason = local.withheld?.find((file) => file.key === key)?.reason;
  return reason === undefined ? {} : { reason };
}

/** By the id saved in the state, else by our marker, else an orphan of an interrupted upload. */
function matchResource(
  local: LocalResource,
  file: FileDigest,
  candidates: readonly RemoteResource[],
  state: PackageState,
  stateIds: ReadonlyMap<string, string>,
  claimed: ReadonlySet<string>,
): { remote: RemoteResource; adopted: boolean } | undefined {
  const free = candidates.filter((candidate) => !claimed.has(candidate.id));
  const savedId = state.resources[local.key]?.id;
  const byId = free.find((candidate) => candidate.id === savedId);
  if (byId) return { remote: byId, adopted: false };
  const byMarker = free.find((candidate) => candidate.extras?.[RESOURCE_MARKER] === local.key);
  if (byMarker) return { remote: byMarker, adopted: false };
  // An upload whose answer was lost leaves a resource with no marker yet: the server named
  // it after the file and stored exactly our bytes. Taking it over avoids a duplicate.
  const titles = titlesAfterUpload(local.file);
  const orphan = free.find(
    (candidate) =>
      candidate.filetype === "file" &&
      candidate.extras?.[RESOURCE_MARKER] === undefined &&
      !stateIds.has(candidate.id) &&
      titles.includes(candidate.title) &&
      sameFile(candidate, file),
  );
  return orphan ? { remote: orphan, adopted: true } : undefined;
}

function sameFile(remote: RemoteResource, file: FileDigest): boolean {
  return remote.checksum?.type === "sha1" && remote.checksum.value === file.sha1 && remote.filesize === file.size;
}

/** Ours: it carries our marker or its id is in our state. Anything else belongs to someone else. */
function isOurs(remote: RemoteResource, stateIds: ReadonlyMap<string, string>): boolean {
  return typeof remote.extras?.[RESOURCE_MARKER] === "string" || stateIds.has(remote.id);
}

/** Replays the steps on the list of ids (uploads prepend, docs/datagouv-api.md §7.1) and compares with the wanted order. */
function needsReorder(current: readonly RemoteResource[], steps: readonly ResourcePlan[]): boolean {
  const deleted = new Set(steps.filter((step) => step.action === "delete").map((step) => step.id));
  const ids = current.map((resource) => resource.id).filter((id) => !deleted.has(id));
  const ours: string[] = [];
  for (const step of steps) {
    if (step.action === "delete") continue;
    const id = step.id ?? `new:${step.key}`;
    if (step.action === "create") ids.unshift(id);
    ours.push(id);
  }
  return !sameOrder(ids, orderResources(ids, ours));
}
