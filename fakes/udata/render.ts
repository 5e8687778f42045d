import { canEdit } from "./auth.ts";
import type { DatasetObject, OrganizationSummary, ResourceObject, UserSummary } from "./api-objects.ts";
import type { Store, StoredDataset, StoredResource, User } from "./store.ts";

/** The stored state as the API shows it (api-objects.ts). */

export function renderResource(store: Store, resource: StoredResource): ResourceObject {
  return {
    id: resource.id,
    title: resource.title,
    description: resource.description,
    filetype: resource.filetype,
    type: resource.type,
    format: resource.format,
    url: resource.url,
    latest: `${store.baseUrl}/api/1/datasets/r/${resource.id}`,
    checksum: resource.checksum ? { ...resource.checksum } : null,
    filesize: resource.filesize,
    mime: resource.mime,
    created_at: resource.created_at,
    last_modified: resource.last_modified,
    metrics: { views: 0 },
    extras: structuredClone(resource.extras),
    preview_url: null,
    schema: resource.schema ? { ...resource.schema } : null,
    internal: { created_at_internal: resource.created_at, last_modified_internal: resource.last_modified },
  };
}

/** Most recent resource modification, or the dataset's own when it has no resource. */
export function lastUpdate(dataset: StoredDataset): string {
  return dataset.resources.reduce((latest, resource) => (resource.last_modified > latest ? resource.last_modified : latest), dataset.resources.length > 0 ? "" : dataset.last_modified);
}

export function renderDataset(store: Store, dataset: StoredDataset, user: User | null): DatasetObject {
  const editable = canEdit(store, user, dataset);
  return {
    id: dataset.id,
    title: dataset.title,
    acronym: dataset.acronym,
    slug: dataset.slug,
    description: dataset.description,
    description_short: dataset.description_short,
    created_at: dataset.created_at,
    last_modified: dataset.last_modified,
    last_update: lastUpdate(dataset),
    deleted: dataset.deleted,
    archived: dataset.archived,
    featured: dataset.featured,
    private: dataset.private,
    tags: [...dataset.tags],
    badges: [],
    resources: dataset.resources.map((resource) => renderResource(store, resource)),
    community_resources: [],
    frequency: dataset.frequency,
    frequency_date: dataset.frequency_date,
    extras: structuredClone(dataset.extras),
    metrics: { discussions: 0, followers: 0, reuses: 0, views: 0, resources_downloads: 0 },
    organization: renderOrganization(store, dataset.organizationId),
    owner: renderOwner(store, dataset.ownerId),
    temporal_coverage: dataset.temporal_coverage ? { ...dataset.temporal_coverage } : null,
    spatial: dataset.spatial ? structuredClone(dataset.spatial) : null,
    license: dataset.license ?? "notspecified",
    access_type: dataset.access_type,
    access_audiences: [],
    authorization_request_url: null,
    access_type_reason_category: null,
    access_type_reason: null,
    uri: `${store.baseUrl}/api/1/datasets/${dataset.slug}/`,
    page: `${store.baseUrl}/datasets/${dataset.slug}`,
    quality: { all_resources_available: true, has_resources: dataset.resources.length > 0 },
    schema: null,
    internal: { created_at_internal: dataset.created_at, last_modified_internal: dataset.last_modified },
    contact_points: structuredClone(dataset.contact_points),
    permissions: { delete: editable, edit: editable, edit_resources: editable },
  };
}

function renderOrganization(store: Store, organizationId: string | null): OrganizationSummary | null {
  const organization = organizationId ? store.organization(organizationId) : undefined;
  if (!organization) return null;
  return {
    id: organization.id,
    name: organization.name,
    acronym: null,
    slug: organization.slug,
    uri: `${store.baseUrl}/api/1/organizations/${organization.slug}/`,
    page: `${store.baseUrl}/organizations/${organization.slug}`,
    logo: null,
    logo_thumbnail: null,
    badges: [],
  };
}

function renderOwner(store: Store, ownerId: string | null): DatasetObject["owner"] {
  const user = ownerId ? store.users.find((candidate) => candidate.id === ownerId) : undefined;
  return user ? { ...renderUser(store, user), avatar_thumbnail: null } : null;
}

/** The fields udata shows of a user, as an owner and in `/me/`. */
export function renderUser(store: Store, user: User): UserSummary {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    slug: user.slug,
    uri: `${store.baseUrl}/api/1/users/${user.slug}/`,
    page: `${store.baseUrl}/users/${user.slug}`,
    avatar: null,
  };
}
