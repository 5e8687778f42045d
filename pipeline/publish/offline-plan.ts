import { withheldReason, type Plan, type ResourcePlan } from "./plan.ts";
import type { PackageState } from "./publication-state.ts";
import type { FileDigest, LocalDataset } from "./types.ts";

/**
 * The plan as far as this machine knows it, without any network call: for runs with no
 * API key (a fresh clone, a pull request). Files are compared with what the publication
 * state says we last uploaded; remote metadata cannot be compared, so it is not claimed.
 */
export function planFromState(local: LocalDataset, state: PackageState, files: ReadonlyMap<string, FileDigest>): Plan {
  const resources: ResourcePlan[] = local.resources.map((resource) => {
    const file = files.get(resource.key);
    const saved = state.resources[resource.key];
    const step = { key: resource.key, title: resource.title, bytes: file?.size, sha1: file?.sha1 };
    if (!saved) return { ...step, action: "create", withProvenance: true };
    const same = file !== undefined && saved.sha1 === file.sha1 && saved.size === file.size;
    return same ? { ...step, id: saved.id, action: "unchanged" } : { ...step, id: saved.id, remoteBytes: saved.size, action: "replace", withProvenance: true };
  });
  const keys = new Set(local.resources.map((resource) => resource.key));
  for (const [key, saved] of Object.entries(state.resources)) {
    if (!keys.has(key)) resources.push({ key, action: "delete", title: key, id: saved.id, remoteBytes: saved.size, ...withheldReason(local, key) });
  }
  return {
    package: local.package,
    dataset: state.datasetId ? { action: "unchanged", id: state.datasetId, slug: "", title: local.title } : { action: "create", title: local.title },
    resources,
    reorder: false,
    withheld: [...(local.withheld ?? [])],
  };
}
