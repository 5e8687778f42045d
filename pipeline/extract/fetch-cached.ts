import { DEFAULT_RETRY, httpRequest, type RetryPolicy } from "../http/client.ts";
import { redactUrl } from "../http/redact.ts";
import { ExtractError, type ConnectorLogger, type ConnectorState } from "./types.ts";
import { sha256Hex } from "./canonical.ts";
import { toExtractError } from "./errors.ts";
import { readCachedBody, writeCachedBody } from "./raw-cache.ts";

/** What a connector remembers of a fetched body between runs. */
export interface BodyState {
  sha256?: string;
  etag?: string;
  lastModified?: string;
}

export interface CachedFetchRequest {
  url: string;
  headers?: Record<string, string>;
  /** Token values to scrub from errors. */
  secrets?: readonly string[];
  tokenEnv?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** What the last successful run saw; conditional headers are sent only when its body is in the cache. */
  previous?: BodyState;
  cacheDir: string;
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

export interface FetchedBody {
  bytes: Buffer;
  sha256: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** The server answered 304 and the body was replayed from the cache. */
  notModified: boolean;
  fetchedAt: string;
}

/**
 * GET a body, asking the server whether it changed since the last successful run
 * (If-None-Match / If-Modified-Since) so that an unchanged source is not downloaded again,
 * and keeping what it downloads in the cache for the next 304.
 */
export async function fetchCached(request: CachedFetchRequest): Promise<FetchedBody> {
  const source = redactUrl(request.url);
  const previous = request.previous;
  const cached = previous?.sha256 ? await readCachedBody(request.cacheDir, request.url, previous.sha256) : undefined;
  const headers: Record<string, string> = { ...request.headers };
  if (cached && previous) {
    if (previous.etag) headers["if-none-match"] = previous.etag;
    if (previous.lastModified) headers["if-modified-since"] = previous.lastModified;
  } else if (previous?.sha256) {
    request.logger.warn("the cached copy of this source is missing: downloading it in full", { source });
  }
  const fetchedAt = new Date().toISOString();
  let response;
  try {
    response = await httpRequest({
      url: request.url,
      headers,
      secrets: request.secrets,
      timeoutMs: request.timeoutMs,
      maxBytes: request.maxBytes,
      retry: retryPolicy(request.retries),
      acceptStatuses: [304],
      signal: request.signal,
      onRetry: ({ attempt, delayMs, reason }) => request.logger.warn(`retrying in ${delayMs} ms`, { source, attempt, reason }),
    });
  } catch (error) {
    throw toExtractError(error, source, { tokenEnv: request.tokenEnv });
  }
  const etag = response.headers["etag"];
  const lastModified = response.headers["last-modified"];
  const contentType = response.headers["content-type"];
  if (response.status === 304) {
    if (!cached || !previous?.sha256) {
      throw new ExtractError({ code: "malformed", source, message: `${source} answered 304 Not Modified to a request that was not conditional`, hint: "the server or a proxy in between is misbehaving; retry later" });
    }
    request.logger.info("not modified since the last successful run: replaying the cached copy", { source });
    return { bytes: cached, sha256: previous.sha256, etag: etag ?? previous.etag, lastModified: lastModified ?? previous.lastModified, contentType, notModified: true, fetchedAt };
  }
  const sha256 = sha256Hex(response.body);
  await writeCachedBody(request.cacheDir, request.url, response.body, [previous?.sha256]);
  return { bytes: response.body, sha256, etag, lastModified, contentType, notModified: false, fetchedAt };
}

export function retryPolicy(retries: number | undefined): RetryPolicy {
  return retries === undefined ? DEFAULT_RETRY : { ...DEFAULT_RETRY, retries };
}

/** The body state saved by the last successful run, if the state holds one. */
export function readBodyState(state: ConnectorState | undefined): BodyState | undefined {
  if (!state) return undefined;
  const pick = (key: keyof BodyState) => (typeof state[key] === "string" ? (state[key] as string) : undefined);
  return { sha256: pick("sha256"), etag: pick("etag"), lastModified: pick("lastModified") };
}

/** What to save for the next conditional request: JSON without empty keys. */
export function bodyStateToSave(body: FetchedBody): ConnectorState {
  const state: ConnectorState = { sha256: body.sha256 };
  if (body.etag !== undefined) state.etag = body.etag;
  if (body.lastModified !== undefined) state.lastModified = body.lastModified;
  return state;
}
