import { randomBytes } from "node:crypto";
import { newObjectId } from "./ids.ts";

/** In-memory state of the fake data.gouv.fr: users, organizations, datasets, stored files, upload chunks. */

export interface User {
  id: string;
  apiKey: string;
  firstName: string;
  lastName: string;
  slug: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  /** user id → role (`admin`, `editor`). */
  members: Map<string, string>;
}

export interface SchemaRef {
  name: string | null;
  version: string | null;
  url: string | null;
}

export interface Checksum {
  type: string;
  value: string;
}

export interface StoredResource {
  id: string;
  title: string;
  description: string | null;
  filetype: "file" | "remote";
  type: string;
  format: string | null;
  url: string;
  checksum: Checksum | null;
  filesize: number | null;
  mime: string | null;
  created_at: string;
  last_modified: string;
  extras: Record<string, unknown>;
  schema: SchemaRef | null;
  /** Path of the stored bytes under the static prefix, for hosted files. */
  storagePath: string | null;
}

export interface TemporalCoverage {
  start: string;
  end: string | null;
}

export interface Spatial {
  zones: string[];
  granularity: string | null;
  geom: unknown;
}

export interface StoredDataset {
  id: string;
  title: string;
  acronym: string | null;
  slug: string;
  /** Slugs this dataset had before a title change; they answer 308 to the current one. */
  previousSlugs: string[];
  description: string;
  description_short: string | null;
  created_at: string;
  last_modified: string;
  deleted: string | null;
  archived: string | null;
  featured: boolean;
  private: boolean;
  tags: string[];
  frequency: string;
  frequency_date: string | null;
  extras: Record<string, unknown>;
  organizationId: string | null;
  ownerId: string | null;
  temporal_coverage: TemporalCoverage | null;
  spatial: Spatial | null;
  license: string | null;
  access_type: string;
  contact_points: unknown[];
  resources: StoredResource[];
}

export interface ChunkUpload {
  parts: Map<number, Buffer>;
}

export class Store {
  baseUrl = "";
  readOnly = false;
  readonly users: User[] = [];
  readonly organizations: Organization[] = [];
  readonly datasets: StoredDataset[] = [];
  /** Static path (e.g. `/static/resources/slug/20260101-000000/file.csv`) → bytes. */
  readonly files = new Map<string, { data: Buffer; mime: string }>();
  readonly chunks = new Map<string, ChunkUpload>();

  addUser(firstName: string, lastName: string, apiKey = `udata_${randomBytes(24).toString("hex")}`): User {
    const user: User = {
      id: newObjectId(),
      apiKey,
      firstName,
      lastName,
      slug: `${firstName}-${lastName}`.toLowerCase(),
    };
    this.users.push(user);
    return user;
  }

  addOrganization(id: string, name: string, slug: string): Organization {
    const organization: Organization = { id, name, slug, members: new Map() };
    this.organizations.push(organization);
    return organization;
  }

  userByKey(apiKey: string): User | undefined {
    return this.users.find((user) => user.apiKey === apiKey);
  }

  organization(idOrSlug: string): Organization | undefined {
    return this.organizations.find((org) => org.id === idOrSlug || org.slug === idOrSlug);
  }

  isMember(user: User | null, organizationId: string | null): boolean {
    if (!user || !organizationId) return false;
    return this.organization(organizationId)?.members.has(user.id) ?? false;
  }

  organizationsOf(user: User): Organization[] {
    return this.organizations.filter((org) => org.members.has(user.id));
  }

  datasetById(id: string): StoredDataset | undefined {
    return this.datasets.find((dataset) => dataset.id === id);
  }

  /** Current slugs are unique among all datasets, deleted ones included (former slugs are not reserved). */
  isSlugTaken(slug: string, except?: StoredDataset): boolean {
    return this.datasets.some((dataset) => dataset !== except && dataset.slug === slug);
  }

  findResource(rid: string): { dataset: StoredDataset; resource: StoredResource } | undefined {
    for (const dataset of this.datasets) {
      const resource = dataset.resources.find((candidate) => candidate.id === rid);
      if (resource) return { dataset, resource };
    }
    return undefined;
  }
}
