import { getMe, getOrganization } from "./accounts.ts";
import { deleteDataset, getDataset, postDataset, putDataset } from "./datasets.ts";
import { json } from "../http/reply.ts";
import { listMyDatasets, listMyOrgDatasets, listOrganizationDatasets, searchDatasets } from "./listings.ts";
import { ALLOWED_EXTENSIONS, FREQUENCIES, GRANULARITIES, LICENSES, RESOURCE_TYPES, ZONE_LEVELS } from "./reference-lists.ts";
import { deleteResource, getResource, postRemoteResource, putResource, reorderResources, resourcePermalink } from "./resources.ts";
import type { Route } from "./router.ts";
import { uploadNewResource, uploadReplacement } from "./uploads.ts";
import { deleteExtras, getDatasetV2, getExtras, getResourceV2, listDatasetResourcesV2, putExtras } from "./v2.ts";

const constant = (value: unknown): Route["handler"] => () => json(200, structuredClone(value));

/** Every endpoint the fake serves; fixed paths first, since the first match wins. */
export const ROUTES: readonly Route[] = [
  { method: "GET", pattern: "/api/1/datasets/licenses/", handler: constant(LICENSES) },
  { method: "GET", pattern: "/api/1/datasets/frequencies/", handler: constant(FREQUENCIES) },
  { method: "GET", pattern: "/api/1/datasets/resource_types/", handler: constant(RESOURCE_TYPES) },
  { method: "GET", pattern: "/api/1/datasets/extensions/", handler: constant(ALLOWED_EXTENSIONS) },
  { method: "GET", pattern: "/api/1/spatial/granularities/", handler: constant(GRANULARITIES) },
  { method: "GET", pattern: "/api/1/spatial/levels/", handler: constant(ZONE_LEVELS) },
  // No schema catalogue is configured: nothing is listed, and any schema name is accepted.
  { method: "GET", pattern: "/api/1/datasets/schemas/", handler: constant([]) },
  { method: "GET", pattern: "/api/1/datasets/r/:rid", handler: resourcePermalink },

  { method: "GET", pattern: "/api/1/datasets/", handler: searchDatasets },
  { method: "POST", pattern: "/api/1/datasets/", handler: postDataset, secured: true, blockedWhenReadOnly: true },
  { method: "GET", pattern: "/api/1/datasets/:dataset/", handler: getDataset },
  { method: "PUT", pattern: "/api/1/datasets/:dataset/", handler: putDataset, secured: true },
  { method: "DELETE", pattern: "/api/1/datasets/:dataset/", handler: deleteDataset, secured: true },

  { method: "POST", pattern: "/api/1/datasets/:dataset/upload/", handler: uploadNewResource, secured: true, blockedWhenReadOnly: true },
  { method: "POST", pattern: "/api/1/datasets/:dataset/resources/", handler: postRemoteResource, secured: true, blockedWhenReadOnly: true },
  { method: "PUT", pattern: "/api/1/datasets/:dataset/resources/", handler: reorderResources, secured: true },
  { method: "GET", pattern: "/api/1/datasets/:dataset/resources/:rid/", handler: getResource },
  { method: "PUT", pattern: "/api/1/datasets/:dataset/resources/:rid/", handler: putResource, secured: true },
  { method: "DELETE", pattern: "/api/1/datasets/:dataset/resources/:rid/", handler: deleteResource, secured: true },
  { method: "POST", pattern: "/api/1/datasets/:dataset/resources/:rid/upload/", handler: uploadReplacement, secured: true, blockedWhenReadOnly: true },

  { method: "GET", pattern: "/api/1/organizations/:org/", handler: getOrganization },
  { method: "GET", pattern: "/api/1/organizations/:org/datasets/", handler: listOrganizationDatasets },
  { method: "GET", pattern: "/api/1/me/", handler: getMe, secured: true },
  { method: "GET", pattern: "/api/1/me/datasets/", handler: listMyDatasets, secured: true },
  { method: "GET", pattern: "/api/1/me/org_datasets/", handler: listMyOrgDatasets, secured: true },

  { method: "GET", pattern: "/api/2/datasets/resources/:rid/", handler: getResourceV2 },
  { method: "GET", pattern: "/api/2/datasets/:dataset/", handler: getDatasetV2 },
  { method: "GET", pattern: "/api/2/datasets/:dataset/resources/", handler: listDatasetResourcesV2 },
  { method: "GET", pattern: "/api/2/datasets/:dataset/extras/", handler: getExtras },
  { method: "PUT", pattern: "/api/2/datasets/:dataset/extras/", handler: putExtras, secured: true },
  { method: "DELETE", pattern: "/api/2/datasets/:dataset/extras/", handler: deleteExtras, secured: true },
  { method: "GET", pattern: "/api/2/datasets/:dataset/resources/:rid/extras/", handler: getExtras },
  { method: "PUT", pattern: "/api/2/datasets/:dataset/resources/:rid/extras/", handler: putExtras, secured: true },
  { method: "DELETE", pattern: "/api/2/datasets/:dataset/resources/:rid/extras/", handler: deleteExtras, secured: true },
];
