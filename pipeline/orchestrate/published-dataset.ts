import { join } from "node:path";
import type { PublishedDataset } from "../package/documentation/types.ts";
import { datagouvConfigFromEnv, readPackageState } from "../publish/index.ts";
import { PUBLICATION_STATE_FILE } from "./publish-stage.ts";

/**
 * Where the package is published on the instance this run speaks to (DATAGOUV_URL), as the
 * publication state saved it: the dataset id and the id of each file's resource. Undefined
 * before the first publication. Resources whose upload is not finished are left out.
 */
export async function publishedDataset(stateDir: string, env: Readonly<Record<string, string | undefined>>, packageName: string): Promise<PublishedDataset | undefined> {
  let baseUrl: string;
  try {
    baseUrl = datagouvConfigFromEnv(env).baseUrl;
  } catch {
    // An unusable DATAGOUV_URL is the publish stage's to report; the documentation just knows no dataset.
    return undefined;
  }
  const state = await readPackageState(join(stateDir, PUBLICATION_STATE_FILE), baseUrl, packageName);
  if (!state.datasetId) return undefined;
  const resources = Object.entries(state.resources)
    .filter(([, resource]) => !resource.pendingMetadata)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, resource]) => [key, resource.id]);
  return { baseUrl, datasetId: state.datasetId, resources: Object.fromEntries(resources) };
}

/** A stable text for the fingerprint and for comparing two of them. */
export function publishedDatasetKey(dataset: PublishedDataset | undefined): string {
  return dataset ? JSON.stringify([dataset.baseUrl, dataset.datasetId, dataset.resources]) : "unpublished";
}
