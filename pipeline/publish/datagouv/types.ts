/**
 * The parts of data.gouv.fr's v1 API objects we read and write (docs/datagouv-api.md §5.6, §7.10).
 * Unknown keys are kept in the objects but not typed.
 */

export interface RemoteChecksum {
  type: string;
  value: string;
}

export interface RemoteSchema {
  name?: string | null;
  version?: string | null;
  url?: string | null;
}

export interface RemoteResource {
  id: string;
  title: string;
  description?: string | null;
  type: string;
  filetype: string;
  format?: string | null;
  url: string;
  latest?: string;
  checksum?: RemoteChecksum | null;
  filesize?: number | null;
  mime?: string | null;
  schema?: RemoteSchema | null;
  extras?: Record<string, unknown> | null;
  last_modified?: string;
}

export interface RemoteDataset {
  id: string;
  slug: string;
  title: string;
  description: string;
  license?: string | null;
  frequency?: string | null;
  tags?: string[] | null;
  temporal_coverage?: { start: string; end: string | null } | null;
  spatial?: { zones?: (string | { id: string })[] | null; granularity?: string | null; geom?: unknown } | null;
  private?: boolean;
  extras?: Record<string, unknown> | null;
  organization?: { id: string } | null;
  deleted?: string | null;
  page?: string;
  uri?: string;
  /** The dataset's own last change, and its resources' latest (read-only; read by aap freshness). */
  last_modified?: string;
  last_update?: string;
  resources: RemoteResource[];
}

/** Body of a dataset POST/PUT. Never carries `resources` (docs/datagouv-api.md §5.3). */
export interface DatasetPayload {
  title: string;
  description: string;
  license: string;
  frequency: string;
  tags: string[];
  private: boolean;
  extras: Record<string, unknown>;
  temporal_coverage?: { start: string; end: string };
  spatial?: { zones: string[]; granularity: string };
  organization?: string;
}

/** Body of a resource metadata PUT. Server-computed fields of hosted files are left out. */
export interface ResourcePayload {
  title: string;
  description: string;
  type: string;
  schema?: RemoteSchema;
  extras: Record<string, unknown>;
}

/** Upload answer: the resource plus `success: true`. */
export type UploadedResource = RemoteResource & { success?: boolean };
