import { readState, updateState, type StateDocument } from "../state/store.ts";

/**
 * What we published, per instance URL and package: written after every successful step so
 * that a killed run resumes. Ids only, never the API key.
 * Layout in the state file: { "datagouv": { "<instance>": { "<package>": PackageState } } }.
 */
export interface PackageState {
  datasetId?: string;
  resources: Record<string, ResourceState>;
}

export interface ResourceState {
  id: string;
  /** sha1 and size of the file we last uploaded to this resource. */
  sha1?: string;
  size?: number;
  /** The file was uploaded but its metadata PUT has not succeeded yet. */
  pendingMetadata?: boolean;
}

const ROOT = "datagouv";

export async function readPackageState(file: string, instance: string, packageName: string): Promise<PackageState> {
  return packageStateIn(await readState(file), instance, packageName);
}

export async function updatePackageState(file: string, instance: string, packageName: string, mutate: (state: PackageState) => void): Promise<PackageState> {
  return updateState(file, (document) => {
    const state = packageStateIn(document, instance, packageName);
    mutate(state);
    const root = asRecord(document[ROOT]);
    const perInstance = asRecord(root[instance]);
    perInstance[packageName] = state;
    root[instance] = perInstance;
    document[ROOT] = root;
    return state;
  });
}

function packageStateIn(document: StateDocument, instance: string, packageName: string): PackageState {
  const stored = asRecord(asRecord(asRecord(document[ROOT])[instance])[packageName]);
  const state: PackageState = { resources: {} };
  if (typeof stored.datasetId === "string") state.datasetId = stored.datasetId;
  for (const [key, value] of Object.entries(asRecord(stored.resources))) {
    const entry = asRecord(value);
    if (typeof entry.id !== "string") continue;
    const resource: ResourceState = { id: entry.id };
    if (typeof entry.sha1 === "string") resource.sha1 = entry.sha1;
    if (typeof entry.size === "number") resource.size = entry.size;
    if (entry.pendingMetadata === true) resource.pendingMetadata = true;
    state.resources[key] = resource;
  }
  return state;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
