import { httpRequest, parseJsonBody, type HttpRequest, type RetryPolicy } from "../../http/client.ts";
import { HttpError } from "../../http/errors.ts";
import type { DatagouvConfig } from "./config.ts";
import { DatagouvError, toDatagouvError } from "./errors.ts";
import type { DatasetPayload, RemoteDataset, RemoteResource, ResourcePayload, UploadedResource } from "./types.ts";
import { uploadFile, type SendUpload, type UploadFile, type UploadSettings } from "./upload.ts";

/** Counts what one step cost, for the publication report. */
export interface CallMeter {
  httpCalls: number;
  /** File bytes sent, retries included. */
  bytes: number;
}

export interface DatagouvClientOptions {
  /** Time limit for the headers and for the body of one JSON call (default 30 s). */
  timeoutMs?: number;
  /** Time limit for one upload request (default 5 min). */
  uploadTimeoutMs?: number;
  /** Retries of idempotent calls (GET, PUT, DELETE, chunk parts). */
  retry?: RetryPolicy;
  /** Files strictly larger than this go through the chunked protocol (default 20 MB). */
  chunkThreshold?: number;
  /** Size of one chunk (default 20,000,000 bytes, as the web UI). */
  chunkSize?: number;
  /** Page size of the dataset listings (default 100). */
  pageSize?: number;
  onRetry?: HttpRequest["onRetry"];
  /** After each part of an upload (and once a whole-file upload is done): the file and the bytes sent. */
  onUploadProgress?: (file: { filename: string; size: number }, sentBytes: number) => void;
}

/**
 * Idempotent calls: network errors, 429 (Retry-After) and gateway errors (docs/datagouv-api.md §10.2),
 * and 500 too, since repeating a GET, PUT or DELETE cannot do harm.
 */
export const IDEMPOTENT_RETRY: RetryPolicy = { retries: 4, minDelayMs: 500, maxDelayMs: 30_000, statuses: [429, 500, 502, 503, 504] };

/**
 * A whole-file upload or a creation is retried only on 429, which means "not processed".
 * After a reset, a timeout or a 5xx the write may have happened: the caller re-reads.
 */
export function creationRetry(retry: RetryPolicy): RetryPolicy {
  return { ...retry, statuses: [429], networkErrors: false };
}

/** A listing names each dataset, its owner's marker and whether it is deleted: no need for its resources (X-Fields, docs/datagouv-api.md §2.5). */
const LISTED_FIELDS = "id,title,slug,page,deleted,extras";
export type ListedDataset = Pick<RemoteDataset, "id" | "title" | "slug" | "page" | "deleted" | "extras">;

export class DatagouvClient {
  readonly config: DatagouvConfig;
  private readonly options: Required<Omit<DatagouvClientOptions, "onRetry" | "onUploadProgress">> & Pick<DatagouvClientOptions, "onRetry" | "onUploadProgress">;

  constructor(config: DatagouvConfig, options: DatagouvClientOptions = {}) {
    this.config = config;
    this.options = {
      timeoutMs: options.timeoutMs ?? 30_000,
      uploadTimeoutMs: options.uploadTimeoutMs ?? 300_000,
      retry: options.retry ?? IDEMPOTENT_RETRY,
      chunkThreshold: options.chunkThreshold ?? 20_000_000,
      chunkSize: options.chunkSize ?? 20_000_000,
      pageSize: options.pageSize ?? 100,
      onRetry: options.onRetry,
      onUploadProgress: options.onUploadProgress,
    };
  }

  /** The instance's base URL: the key of the publication state. */
  get instance(): string {
    return this.config.baseUrl;
  }

  /** The dataset, or undefined when it does not exist (404) or was deleted (410). */
  async getDataset(id: string, meter?: CallMeter): Promise<RemoteDataset | undefined> {
    const { status, data } = await this.json<RemoteDataset>({ method: "GET", url: this.api(`/datasets/${enc(id)}/`), acceptStatuses: [404, 410] }, meter);
    return status === 404 || status === 410 ? undefined : data;
  }

  async createDataset(payload: DatasetPayload, meter?: CallMeter): Promise<RemoteDataset> {
    return (await this.json<RemoteDataset>({ method: "POST", url: this.api("/datasets/"), json: payload, retry: creationRetry(this.options.retry) }, meter)).data;
  }

  /** Partial update; the payload never carries `resources` (they would replace the list). */
  async updateDataset(id: string, payload: Partial<DatasetPayload>, meter?: CallMeter): Promise<RemoteDataset> {
    return (await this.json<RemoteDataset>({ method: "PUT", url: this.api(`/datasets/${enc(id)}/`), json: payload }, meter)).data;
  }

  /** Undoes a soft delete (docs/datagouv-api.md §5.4): the dataset keeps its id, slug and resources. */
  async restoreDataset(id: string, meter?: CallMeter): Promise<RemoteDataset> {
    return (await this.json<RemoteDataset>({ method: "PUT", url: this.api(`/datasets/${enc(id)}/`), json: { deleted: null } }, meter)).data;
  }

  /** Every dataset of the organization, private ones included for members, all pages; listed fields only. */
  async listOrganizationDatasets(organization: string, meter?: CallMeter): Promise<ListedDataset[]> {
    const out: ListedDataset[] = [];
    let url: string | null = this.api(`/organizations/${enc(organization)}/datasets/?page_size=${this.options.pageSize}`);
    while (url) {
      const headers = { "x-fields": `data{${LISTED_FIELDS}},next_page` };
      const { data }: { data: { data: ListedDataset[]; next_page?: string | null } } = await this.json({ method: "GET", url, headers }, meter);
      out.push(...data.data);
      url = data.next_page ? this.sameOrigin(data.next_page) : null;
    }
    return out;
  }

  /**
   * Datasets of the key's user and of all their organizations (not paginated). Where
   * /me/org_datasets/ is missing, falls back to /me/datasets/ (the user's own ones).
   */
  async listMyOrgDatasets(meter?: CallMeter): Promise<ListedDataset[]> {
    for (const path of ["/me/org_datasets/", "/me/datasets/"]) {
      const { status, data } = await this.json<ListedDataset[]>({ method: "GET", url: this.api(path), acceptStatuses: [404], headers: { "x-fields": LISTED_FIELDS } }, meter);
      if (status !== 404) return Array.isArray(data) ? data : [];
    }
    return [];
  }

  /** Upload a file as a new resource (prepended to the list, title = normalised file name). */
  uploadNewResource(datasetId: string, file: UploadFile, meter?: CallMeter): Promise<UploadedResource> {
    return this.upload(this.api(`/datasets/${enc(datasetId)}/upload/`), file, meter);
  }

  /** Replace the file of a resource, keeping its id; the server overwrites its title. */
  replaceResourceFile(datasetId: string, resourceId: string, file: UploadFile, meter?: CallMeter): Promise<UploadedResource> {
    return this.upload(this.api(`/datasets/${enc(datasetId)}/resources/${enc(resourceId)}/upload/`), file, meter);
  }

  /** Chunked protocol (docs/datagouv-api.md §7.3) whatever the file size; resourceId absent = new resource. */
  uploadChunked(datasetId: string, resourceId: string | undefined, file: UploadFile, meter?: CallMeter): Promise<UploadedResource> {
    const path = resourceId === undefined ? `/datasets/${enc(datasetId)}/upload/` : `/datasets/${enc(datasetId)}/resources/${enc(resourceId)}/upload/`;
    return this.upload(this.api(path), file, meter, true);
  }

  async updateResource(datasetId: string, resourceId: string, payload: Partial<ResourcePayload>, meter?: CallMeter): Promise<RemoteResource> {
    return (await this.json<RemoteResource>({ method: "PUT", url: this.api(`/datasets/${enc(datasetId)}/resources/${enc(resourceId)}/`), json: payload }, meter)).data;
  }

  /** Delete a resource; false when it was already gone (a retried DELETE that had succeeded). */
  async deleteResource(datasetId: string, resourceId: string, meter?: CallMeter): Promise<boolean> {
    const { status } = await this.json({ method: "DELETE", url: this.api(`/datasets/${enc(datasetId)}/resources/${enc(resourceId)}/`), acceptStatuses: [404] }, meter);
    return status !== 404;
  }

  /** Impose the order of the resources; `ids` must list every resource of the dataset. */
  async reorderResources(datasetId: string, ids: string[], meter?: CallMeter): Promise<void> {
    await this.json({ method: "PUT", url: this.api(`/datasets/${enc(datasetId)}/resources/`), json: ids }, meter);
  }

  private api(path: string): string {
    return `${this.config.baseUrl}/api/1${path}`;
  }

  /** The key goes with every call, so a next_page on another host is rebuilt on ours. */
  private sameOrigin(link: string): string {
    const url = new URL(link, this.config.baseUrl);
    const base = new URL(this.config.baseUrl);
    return url.origin === base.origin ? url.toString() : `${base.origin}${url.pathname}${url.search}`;
  }

  private headers(write: boolean): Record<string, string> {
    const key = this.config.apiKey;
    if (write && !key) {
      throw new DatagouvError({ code: "datagouv-config", message: `DATAGOUV_API_KEY is not set: publishing to ${this.instance} needs an API key`, hint: "use --dry-run to see the plan without one" });
    }
    return key ? { "x-api-key": key } : {};
  }

  private async json<T>(req: HttpRequest, meter?: CallMeter): Promise<{ status: number; data: T }> {
    const method = req.method ?? "GET";
    const response = await this.send({ timeoutMs: this.options.timeoutMs, ...req, headers: { accept: "application/json", ...req.headers, ...this.headers(method !== "GET") } }, meter);
    try {
      return { status: response.status, data: parseJsonBody<T>(response, { method, url: req.url }) };
    } catch (error) {
      throw error instanceof HttpError ? toDatagouvError(error, this.instance, [this.config.apiKey]) : error;
    }
  }

  private async upload(url: string, file: UploadFile, meter: CallMeter | undefined, forceChunks = false): Promise<UploadedResource> {
    const settings: UploadSettings = {
      chunked: forceChunks || file.size > this.options.chunkThreshold,
      chunkSize: this.options.chunkSize,
      partRetry: this.options.retry,
      finishRetry: creationRetry(this.options.retry),
      onProgress: this.options.onUploadProgress && ((sent) => this.options.onUploadProgress?.({ filename: file.filename, size: file.size }, sent)),
    };
    const headers = { accept: "application/json", ...this.headers(true) };
    const send: SendUpload = async (req, bytes) => {
      const response = await this.send({ ...req, url, method: "POST", headers, timeoutMs: this.options.uploadTimeoutMs }, meter, bytes);
      try {
        return parseJsonBody(response, { method: "POST", url });
      } catch (error) {
        throw error instanceof HttpError ? toDatagouvError(error, this.instance, [this.config.apiKey]) : error;
      }
    };
    return (await uploadFile(file, settings, send)) as UploadedResource;
  }

  private async send(req: HttpRequest, meter?: CallMeter, bytes = 0) {
    try {
      const retry = req.method === "POST" ? creationRetry(this.options.retry) : this.options.retry;
      const response = await httpRequest({ retry, onRetry: this.options.onRetry, ...req, secrets: [this.config.apiKey] });
      if (meter) {
        meter.httpCalls += response.attempts;
        meter.bytes += bytes * response.attempts;
      }
      return response;
    } catch (error) {
      if (meter) {
        const attempts = error instanceof HttpError ? error.attempts : 1;
        meter.httpCalls += attempts;
        meter.bytes += bytes * attempts;
      }
      throw error instanceof HttpError ? toDatagouvError(error, this.instance, [this.config.apiKey]) : error;
    }
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
