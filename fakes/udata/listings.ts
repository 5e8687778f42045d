import { requireUser } from "./auth.ts";
import { NOT_FOUND_TEXT, abort } from "./api-errors.ts";
import { json, type Reply } from "../http/reply.ts";
import { isObjectId } from "./ids.ts";
import { paginate } from "./pager.ts";
import { lastUpdate, renderDataset } from "./render.ts";
import type { RequestContext } from "./router.ts";
import type { StoredDataset } from "./store.ts";

/**
 * Dataset listings of docs/datagouv-api.md §5.5. Like udata's `owned_by` queries, the `/me/...` and
 * organization listings include deleted datasets (with `deleted` set); clients must skip them.
 */

const SORT_KEYS: Record<string, (dataset: StoredDataset) => string> = {
  title: (dataset) => dataset.title,
  created: (dataset) => dataset.created_at,
  last_update: (dataset) => lastUpdate(dataset),
  last_modified: (dataset) => dataset.last_modified,
};

function sorted(datasets: StoredDataset[], sort: string | null): StoredDataset[] {
  if (!sort) return datasets;
  const descending = sort.startsWith("-");
  const key = SORT_KEYS[descending ? sort.slice(1) : sort];
  if (!key) return datasets;
  // MongoDB compares strings by their bytes, whatever the machine's locale.
  return [...datasets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
}

/** `GET /organizations/{org}/datasets/`: private ones only for members. */
export function listOrganizationDatasets(context: RequestContext): Reply {
  const { store, user, url } = context;
  const organization = store.organization(context.params.org ?? "");
  if (!organization) throw abort(404, NOT_FOUND_TEXT);
  const member = store.isMember(user, organization.id);
  const datasets = store.datasets.filter((dataset) => dataset.organizationId === organization.id && (member || !dataset.private));
  const page = paginate(sorted(datasets, url.searchParams.get("sort")), url, 20);
  return json(200, { ...page, data: page.data.map((dataset) => renderDataset(store, dataset, user)) });
}

/** `GET /me/datasets/`: a plain array of the datasets the caller owns personally. */
export function listMyDatasets(context: RequestContext): Reply {
  const user = requireUser(context.user);
  const datasets = context.store.datasets.filter((dataset) => dataset.ownerId === user.id);
  return json(200, datasets.map((dataset) => renderDataset(context.store, dataset, user)));
}

/** `GET /me/org_datasets/?q=`: a plain array, the caller's and their organizations', newest change first. */
export function listMyOrgDatasets(context: RequestContext): Reply {
  const user = requireUser(context.user);
  const { store } = context;
  const organizations = new Set(store.organizationsOf(user).map((organization) => organization.id));
  const query = context.url.searchParams.get("q")?.toLowerCase();
  const datasets = store.datasets
    .filter((dataset) => dataset.ownerId === user.id || (dataset.organizationId !== null && organizations.has(dataset.organizationId)))
    .filter((dataset) => !query || dataset.title.toLowerCase().includes(query));
  return json(200, sorted(datasets, "-last_modified").map((dataset) => renderDataset(store, dataset, user)));
}

/** `GET /datasets/?organization=&owner=&tag=&q=`: visible datasets only (no deleted or archived; private for members). */
export function searchDatasets(context: RequestContext): Reply {
  const { store, user, url } = context;
  const organization = url.searchParams.get("organization");
  const owner = url.searchParams.get("owner");
  if (organization !== null && !isObjectId(organization)) throw abort(400, "Organization arg must be an identifier");
  if (owner !== null && !isObjectId(owner)) throw abort(400, "Owner arg must be an identifier");
  const tag = url.searchParams.get("tag");
  const query = url.searchParams.get("q")?.toLowerCase();
  const datasets = store.datasets.filter(
    (dataset) =>
      !dataset.deleted &&
      !dataset.archived &&
      (!dataset.private || (dataset.organizationId ? store.isMember(user, dataset.organizationId) : dataset.ownerId === user?.id)) &&
      (organization === null || dataset.organizationId === organization) &&
      (owner === null || dataset.ownerId === owner) &&
      (tag === null || dataset.tags.includes(tag)) &&
      (!query || dataset.title.toLowerCase().includes(query)),
  );
  const page = paginate(sorted(datasets, url.searchParams.get("sort")), url, 20);
  return json(200, { ...page, data: page.data.map((dataset) => renderDataset(store, dataset, user)) });
}
