import type { CallMeter, DatagouvClient, ListedDataset } from "./datagouv/client.ts";
import type { RemoteDataset } from "./datagouv/types.ts";
import { PublishError } from "./errors.ts";
import type { PackageState } from "./publication-state.ts";
import { DATASET_MARKER } from "./types.ts";

/**
 * The dataset of a package: by the id saved in the state, else by our marker in the extras
 * of the organization's datasets and of the key's account (slugs change with the title and
 * there is no extras filter on the listings, docs/datagouv-api.md §5.5). Deleted ones do not count,
 * but for ours: the dataset of the state, deleted on the server and not replaced by another one,
 * is returned as it is, to be restored (same id and address for reusers) rather than created anew.
 * The listing is read even when the state names the dataset: a second dataset carrying the
 * marker (two runs that each created one) must stop the run, not be ignored forever.
 */
export async function findDataset(
  client: DatagouvClient,
  packageName: string,
  organization: string | undefined,
  state: PackageState,
  meter: CallMeter,
): Promise<RemoteDataset | undefined> {
  const read = state.datasetId ? await client.getDataset(state.datasetId, meter) : undefined;
  const saved = read && !read.deleted ? read : undefined;
  const marked = await markedDatasets(client, packageName, organization, meter);
  const claimants = [...(saved ? [saved] : []), ...marked.filter((dataset) => dataset.id !== saved?.id)];
  if (claimants.length > 1) throw duplicateDatasets(client, packageName, claimants, saved?.id);
  if (saved) return saved;
  // Listings are trimmed to a few fields: read the dataset itself for its resources.
  if (marked[0]) return await client.getDataset(marked[0].id, meter);
  return read?.deleted ? read : undefined;
}

async function markedDatasets(client: DatagouvClient, packageName: string, organization: string | undefined, meter: CallMeter): Promise<ListedDataset[]> {
  const isOurs = (dataset: ListedDataset) => !dataset.deleted && dataset.extras?.[DATASET_MARKER] === packageName;
  const listings = [
    ...(organization ? [() => client.listOrganizationDatasets(organization, meter)] : []),
    ...(client.config.apiKey ? [() => client.listMyOrgDatasets(meter)] : []),
  ];
  for (const list of listings) {
    const found = (await list()).filter(isOurs);
    if (found.length > 0) return found;
  }
  return [];
}

function duplicateDatasets(client: DatagouvClient, packageName: string, claimants: readonly ListedDataset[], savedId: string | undefined): PublishError {
  const names = claimants.map((dataset) => `${dataset.id} "${dataset.title}" (${dataset.page ?? `${client.instance}/datasets/${dataset.slug}`})`);
  const keep = savedId ? `keep ${savedId}, the one in the publication state` : "keep the one reusers know";
  return new PublishError({
    code: "duplicate-dataset",
    package: packageName,
    message:
      `package "${packageName}": ${claimants.length} datasets on ${client.instance} are marked as its publication (${DATASET_MARKER}): ${names.join(", ")}; ` +
      "nothing was sent rather than pick one",
    hint: `${keep}, delete the others on data.gouv.fr (or remove their ${DATASET_MARKER} extra), then run again`,
  });
}
