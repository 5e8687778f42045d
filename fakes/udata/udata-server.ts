import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, requireUser } from "./auth.ts";
import { validateDatasetPayload } from "./dataset-form.ts";
import { updateDataset } from "./dataset-model.ts";
import { applyFieldMask, parseFieldMask } from "./field-mask.ts";
import { FaultQueue, faultBody, proxyHtmlPage, RandomFaults, type Fault, type RandomFaultRates } from "./faults.ts";
import { ApiError, NOT_FOUND_TEXT, abort, readBody, writeResponse, type ApiResponse } from "./http-io.ts";
import { newObjectId } from "./ids.ts";
import { renderDataset, type DatasetRecord } from "./render.ts";
import { newResource, prependResource } from "./resource-model.ts";
import { matchRoute } from "./router.ts";
import { ROUTES } from "./routes.ts";
import { slugify } from "../../pipeline/publish/slugify.ts";
import { Store } from "./store.ts";
import { storeFile } from "./uploads.ts";

export type { DatasetRecord, ResourceRecord } from "./render.ts";
export type { Fault, RandomFaultRates } from "./faults.ts";

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
}

export interface ServedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Status sent, or that would have been sent for a reset after processing; 0 for a reset before. */
  status: number;
  fault?: string;
}

export interface UdataServer {
  /** Base URL, e.g. "http://127.0.0.1:43123" (the API lives under /api/1 and /api/2). */
  url: string;
  /** Key of a user who is admin of `organizationId`. */
  apiKey: string;
  /** Valid key of a user who is not a member of any organization. */
  outsiderApiKey: string;
  organizationId: string;
  /** Every request served, in order. */
  requests: ServedRequest[];
  /** Current server-side datasets (deep copies, deleted ones too), as v1 objects. */
  datasets(): DatasetRecord[];
  /** Changes a dataset by hand, as a person in the web UI would (same validation as a PUT). */
  editDataset(id: string, patch: Record<string, unknown>): void;
  /** Adds a hosted resource as another person would; returns its id. */
  addForeignResource(datasetId: string, resource: { title: string; content: string; filename: string }): string;
  inject(fault: Fault): void;
  /** Every API request then waits this long before it is processed (0: none). */
  setLatency(ms: number): void;
  /** API requests then fail at random at these rates (undefined: no more random faults). */
  setRandomFaults(rates: RandomFaultRates | undefined): void;
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

  const faults = new FaultQueue();
  let randomFaults: RandomFaults | undefined;
  let latencyMs = 0;
  const requests: ServedRequest[] = [];
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("udata test server: unexpected failure", error);
      if (!res.headersSent) writeResponse(res, { status: 500, body: { message: "Internal Server Error" } }, "GET");
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", store.baseUrl);
    const body = await readBody(req);
    const api = url.pathname.startsWith("/api/");
    const fault = faults.take(method, url.pathname) ?? (api ? randomFaults?.draw() : undefined);
    if (api && latencyMs > 0) await sleep(latencyMs);
    const entry: ServedRequest = { method, path: url.pathname, status: 0 };
    if (fault) entry.fault = fault.kind;
    requests.push(entry);

    if (fault && !fault.after) {
      if (fault.kind === "reset") return resetSocket(req);
      if (fault.kind === "delay") await sleep(fault.delayMs ?? 1000);
      else return send(res, method, entry, faultResponse(fault));
    }
    const response = dispatch(store, method, url, req, body);
    if (fault?.after) {
      if (fault.kind === "reset") {
        entry.status = response.status;
        return resetSocket(req);
      }
      if (fault.kind === "delay") await sleep(fault.delayMs ?? 1000);
      else return send(res, method, entry, faultResponse(fault));
    }
    send(res, method, entry, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  store.baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: store.baseUrl,
    apiKey: admin.apiKey,
    outsiderApiKey: outsider.apiKey,
    organizationId: firstOrganization.id,
    requests,
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
    inject: (fault) => faults.inject(fault),
    setLatency(ms) {
      latencyMs = ms;
    },
    setRandomFaults(rates) {
      randomFaults = rates ? new RandomFaults(rates) : undefined;
    },
    empty() {
      store.datasets.splice(0);
      store.files.clear();
      store.chunks.clear();
    },
    setReadOnly(readOnly) {
      store.readOnly = readOnly;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, method: string, entry: ServedRequest, response: ApiResponse): void {
  entry.status = response.status;
  writeResponse(res, response, method);
}

/** A TCP reset: the client sees ECONNRESET / "other side closed". */
function resetSocket(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function faultResponse(fault: Fault): ApiResponse {
  const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
  if (fault.kind === "html") {
    const status = fault.status ?? 502;
    return { status, raw: proxyHtmlPage(status), headers: { ...headers, "content-type": "text/html" } };
  }
  const status = fault.status ?? 500;
  return { status, body: faultBody(fault, status), headers };
}

function dispatch(store: Store, method: string, url: URL, req: IncomingMessage, body: Buffer): ApiResponse {
  try {
    if (url.pathname.startsWith("/static/") && (method === "GET" || method === "HEAD")) return serveStatic(store, url.pathname);
    const match = matchRoute(ROUTES, method, url.pathname);
    if (match.kind === "none") return { status: 404, body: { error: NOT_FOUND_TEXT, status: 404 } };
    if (match.kind === "add-slash") {
      const location = new URL(url);
      location.pathname += "/";
      return { status: 308, headers: { location: location.href }, body: { message: `Redirecting to ${location.href}` } };
    }
    const user = authenticate(store, req.headers["x-api-key"]);
    if (match.kind === "method-not-allowed") throw abort(405, "The method is not allowed for the requested URL.");
    const { route, params } = match;
    if (route.secured) requireUser(user);
    if (route.blockedWhenReadOnly && store.readOnly) {
      throw abort(423, "Due to security reasons, the creation of new content is currently disabled.");
    }
    const response = route.handler({ method, url, params, headers: req.headers, body, user, store });
    return withFieldMask(response, req.headers["x-fields"]);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

/** Masks apply to marshalled successes only, as in flask-restx; errors keep their shape. */
function withFieldMask(response: ApiResponse, header: string | string[] | undefined): ApiResponse {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text || response.status < 200 || response.status >= 300 || response.body === undefined) return response;
  return { ...response, body: applyFieldMask(response.body, parseFieldMask(text)) };
}

function serveStatic(store: Store, path: string): ApiResponse {
  const file = store.files.get(decodeURIComponent(path));
  if (!file) return { status: 404, body: { error: NOT_FOUND_TEXT, status: 404 } };
  return { status: 200, raw: file.data, headers: { "content-type": file.mime } };
}
