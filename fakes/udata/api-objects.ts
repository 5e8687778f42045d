/**
 * The v1 JSON objects the fake serves, as udata documents them (docs/datagouv-api.md §5.6 for the
 * dataset, §7.10 for the resource, §7.7 for the schema; udata's `dataset_fields` and
 * `resource_fields`). Written from the API's side, apart from the publish client's own types, so
 * that a test comparing the two checks the client instead of echoing it.
 */

export type SchemaObject = { name: string | null; version: string | null; url: string | null };

export type ResourceObject = {
  /** A UUID. */
  id: string;
  title: string;
  description: string | null;
  filetype: "file" | "remote";
  /** `main`, `documentation`, `update`, `api`, `code` or `other`. */
  type: string;
  format: string | null;
  url: string;
  /** The permalink `/api/1/datasets/r/{id}`, redirecting to `url`. */
  latest: string;
  checksum: { type: string; value: string } | null;
  filesize: number | null;
  mime: string | null;
  created_at: string;
  last_modified: string;
  metrics: { views: number };
  extras: Record<string, unknown>;
  preview_url: string | null;
  schema: SchemaObject | null;
  internal: { created_at_internal: string; last_modified_internal: string };
};

export type OrganizationSummary = {
  id: string;
  name: string;
  acronym: string | null;
  slug: string;
  uri: string;
  page: string;
  logo: string | null;
  logo_thumbnail: string | null;
  badges: unknown[];
};

export type UserSummary = {
  id: string;
  first_name: string;
  last_name: string;
  slug: string;
  uri: string;
  page: string;
  avatar: string | null;
};

export type DatasetObject = {
  /** 24 hexadecimal characters. */
  id: string;
  title: string;
  acronym: string | null;
  slug: string;
  description: string;
  description_short: string | null;
  created_at: string;
  last_modified: string;
  last_update: string;
  /** When it was deleted (a soft delete), or null. */
  deleted: string | null;
  archived: string | null;
  featured: boolean;
  private: boolean;
  tags: string[];
  badges: unknown[];
  resources: ResourceObject[];
  community_resources: unknown[];
  frequency: string;
  frequency_date: string | null;
  extras: Record<string, unknown>;
  metrics: Record<string, number>;
  organization: OrganizationSummary | null;
  owner: (UserSummary & { avatar_thumbnail: string | null }) | null;
  temporal_coverage: { start: string; end: string | null } | null;
  spatial: { zones: string[]; granularity: string | null; geom: unknown } | null;
  /** A licence id; `notspecified` when none was given. */
  license: string;
  access_type: string;
  access_audiences: unknown[];
  authorization_request_url: string | null;
  access_type_reason_category: string | null;
  access_type_reason: string | null;
  uri: string;
  page: string;
  quality: Record<string, unknown>;
  schema: SchemaObject | null;
  internal: { created_at_internal: string; last_modified_internal: string };
  contact_points: unknown[];
  permissions: { delete: boolean; edit: boolean; edit_resources: boolean };
};
