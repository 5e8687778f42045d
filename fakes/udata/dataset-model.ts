import { formErrors } from "./api-errors.ts";
import { newObjectId, nowIso } from "./ids.ts";
import { replaceResourceList } from "./resource-model.ts";
import { slugify } from "../../pipeline/publish/slugify.ts";
import type { DatasetChanges } from "./dataset-form.ts";
import type { Store, StoredDataset, User } from "./store.ts";

const SLUG_MAX = 255;

/** Slug of a title, with the first free `-N` suffix, the base trimmed so the whole stays ≤ 255 chars. */
export function uniqueSlug(store: Store, title: string, except?: StoredDataset): string {
  let base = slugify(title, { maxLength: SLUG_MAX }) || "dataset";
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(base)) base = `${base}-uuid`;
  if (!store.isSlugTaken(base, except)) return base;
  for (let suffix = 1; ; suffix++) {
    const tail = `-${suffix}`;
    const candidate = base.slice(0, SLUG_MAX - tail.length) + tail;
    if (!store.isSlugTaken(candidate, except)) return candidate;
  }
}

/** `owner` is null when the dataset is created by hand through the test API. */
export function createDataset(store: Store, owner: User | null, changes: DatasetChanges): StoredDataset {
  const organizationId = changes.organization ?? null;
  if (organizationId !== null && (!store.organization(organizationId) || (owner && !store.isMember(owner, organizationId)))) {
    throw formErrors({ organization: ["Permission denied for this organization"] });
  }
  const now = nowIso();
  const title = changes.title ?? "";
  const dataset: StoredDataset = {
    id: newObjectId(),
    title,
    acronym: changes.acronym ?? null,
    slug: uniqueSlug(store, title),
    previousSlugs: [],
    description: changes.description ?? "",
    description_short: changes.description_short ?? null,
    created_at: now,
    last_modified: now,
    deleted: null,
    archived: changes.archived ?? null,
    featured: changes.featured ?? false,
    private: changes.private ?? false,
    tags: changes.tags ?? [],
    frequency: changes.frequency ?? "unknown",
    frequency_date: changes.frequency_date ?? null,
    extras: changes.extras ?? {},
    organizationId: organizationId === null ? null : store.organization(organizationId)!.id,
    ownerId: organizationId === null ? (owner?.id ?? null) : null,
    temporal_coverage: changes.temporal_coverage ?? null,
    spatial: changes.spatial ?? null,
    license: changes.license ?? null,
    access_type: changes.access_type ?? "open",
    contact_points: changes.contact_points ?? [],
    resources: [],
  };
  if (changes.resources) replaceResourceList(store, dataset, changes.resources);
  store.datasets.push(dataset);
  return dataset;
}

/** Partial update: keys absent from `changes` keep their stored value. */
export function updateDataset(store: Store, dataset: StoredDataset, changes: DatasetChanges): void {
  const { resources, organization, ...fields } = changes;
  if (organization !== undefined && organization !== null) {
    const target = store.organization(organization);
    if (target?.id !== dataset.organizationId) {
      throw formErrors({ organization: ["Cannot change owner after creation. Please use transfer feature."] });
    }
  }
  if (resources) replaceResourceList(store, dataset, resources);
  if (fields.title !== undefined && fields.title !== dataset.title) {
    const slug = uniqueSlug(store, fields.title, dataset);
    if (slug !== dataset.slug) {
      dataset.previousSlugs.push(dataset.slug);
      dataset.slug = slug;
    }
  }
  Object.assign(dataset, fields);
  dataset.last_modified = nowIso();
}
