import type { CallMeter, DatagouvClient } from "./datagouv/client.ts";
import type { RemoteDataset } from "./datagouv/types.ts";
import type { PackageState } from "./state.ts";
import { DATASET_MARKER } from "./types.ts";

/**
 * The dataset of a package: by the id saved in the state, else by our marker in the extras
 * of the organization's datasets and of the key's account (slugs change with the title and
 * there is no extras filter on the listings, docs/datagouv-api.md §5.5). Deleted ones do not count.
 */
export async function findDataset(
  client: DatagouvClient,
  packageName: string,
  organization: string | undefined,
  state: PackageState,
  meter: CallMeter,
): Promise<RemoteDataset | undefined> {
  if (state.datasetId) {
    const saved = await client.getDataset(state.datasetId, meter);
    if (saved && !saved.deleted) return saved;
  }
  const isOurs = (dataset: RemoteDataset) => !dataset.deleted && dataset.extras?.[DATASET_MARKER] === packageName;
  const listings = [
    ...(organization ? [() => client.listOrganizationDatasets(organization, meter)] : []),
    ...(client.config.apiKey ? [() => client.listMyOrgDatasets(meter)] : []),
  ];
  for (const list of listings) {
    const found = (await list()).find(isOurs);
    // Listings may trim objects: read the dataset itself for its complete resources.
    if (found) return (await client.getDataset(found.id, meter)) ?? undefined;
  }
  return undefined;
}
