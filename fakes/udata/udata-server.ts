import type { FaultPlan } from "../http/faults.ts";
import { startLocalServer, type SeenRequest } from "../http/local-server.ts";
import { slugify } from "../../pipeline/publish/slugify.ts";
import { validateDatasetPayload } from "./dataset-form.ts";
import { updateDataset } from "./dataset-model.ts";
import { dispatch } from "./dispatch.ts";
import { newObjectId } from "./ids.ts";
import type { DatasetObject } from "./api-objects.ts";
import { renderDataset } from "./render.ts";
import { newResource, prependResource } from "./resource-model.ts";
import { Store } from "./store.ts";
import { storeFile } from "./uploads.ts";

export type { DatasetObject, ResourceObject } from "./api-objects.ts";

/**
 * A udata-compatible data.gouv.fr API on 127.0.0.1 for tests, following
 * docs/datagouv-api.md §13.1 (checklist), with fault injection.
 */

export interface UdataServerOptions {
  /** Default 0 (random). */
  port?: number;
  /** Default: one organization. The default user is admin of the first one only. */
  organizations?: { id: string; name: string }[];
  /** The default user's API key (default: a random `udata_…` one), e.g. a canary to look for in outputs. */
  apiKey?: string;
  /** Called once each request is answered, e.g. to print it. */
  onAnswered?: (request: SeenRequest) => void;
}

export interface UdataServer {
  /** Base URL, e.g. "http://127.0.0.1:43123" (the API lives under /api/1 and /api/2). */
  url: string;
  /** Key of a user who is admin of `organizationId`. */
  apiKey: string;
  /** Valid key of a user who is not a member of any organization. */
  outsiderApiKey: string;
  organizationId: string;
  /** Every request, in arrival order, with its status and fault. */
  requests: SeenRequest[];
  /** Current server-side datasets (deep copies, deleted ones too), as v1 objects. */
  datasets(): DatasetObject[];
  /** Changes a dataset by hand, as a person in the web UI would (same validation as a PUT). */
  editDataset(id: string, patch: Record<string, unknown>): void;
  /** Adds a hosted resource as another person would; returns its id. */
  addForeignResource(datasetId: string, resource: { title: string; content: string; filename: string }): string;
  /** Scripted, random and latency faults (fakes/http/faults.ts); random faults and latency touch the API, not stored files. */
  faults: FaultPlan;
  /** Every dataset and stored file vanishes, as on a server whose database was emptied; accounts stay. */
  empty(): void;
  /** 423 on dataset creation, remote resource creation and both upload endpoints. */
  setReadOnly(readOnly: boolean): void;
  close(): Promise<void>;
}

export async function startUdataServer(options: UdataServerOptions = {}): Promise<UdataServer> {
  const store = new Store();
  const organizations = options.organizations ?? [{ id: newObjectId(), name: "Organisation fictive de test" }];
  for (const organization of organizations) store.addOrganization(organization.id, organization.name, slugify(organization.name) || organization.id);
  const admin = store.addUser("Admin", "Fictif", options.apiKey);
  const outsider = store.addUser("Personne", "Exterieure");
  const firstOrganization = store.organizations[0];
  if (!firstOrganization) throw new RangeError("startUdataServer: `organizations` must list at least one organization");
  firstOrganization.members.set(admin.id, "admin");

  const server = await startLocalServer((request) => dispatch(store, request.method, request.url, request.headers, request.body), {
    port: options.port,
    onAnswered: options.onAnswered,
    scope: (path) => path.startsWith("/api/"),
  });
  store.baseUrl = server.url;

  return {
    url: store.baseUrl,
    apiKey: admin.apiKey,
    outsiderApiKey: outsider.apiKey,
    organizationId: firstOrganization.id,
    requests: server.requests,
    faults: server.faults,
    datasets: () => store.datasets.map((dataset) => renderDataset(store, dataset, admin)),
    editDataset(id, patch) {
      const dataset = store.datasetById(id);
      if (!dataset) throw new RangeError(`editDataset: no dataset with id ${id}`);
      updateDataset(store, dataset, validateDatasetPayload(patch, "update"));
    },
    addForeignResource(datasetId, { title, content, filename }) {
      const dataset = store.datasetById(datasetId);
      if (!dataset) throw new RangeError(`addForeignResource: no dataset with id ${datasetId}`);
      const resource = newResource({ title, url: "", filetype: "file" }, "main");
      storeFile(store, dataset, resource, { filename, data: Buffer.from(content) });
      resource.title = title;
      prependResource(dataset, resource);
      return resource.id;
    },
    empty() {
      store.datasets.splice(0);
      store.files.clear();
      store.chunks.clear();
    },
    setReadOnly(readOnly) {
      store.readOnly = readOnly;
    },
    close: () => server.close(),
  };
}
