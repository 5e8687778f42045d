import { httpRequest, type HttpRequest } from "../../../http/client.ts";
import type { ConnectorLogger } from "../../types.ts";
import { retryPolicy } from "../../fetch-cached.ts";

/**
 * Octokit speaks `fetch`; giving it one built on our HTTP client brings the same timeouts,
 * size limit, retries (network errors, 429, 5xx) and secret scrubbing as every other
 * source. Statuses Octokit must see itself (304, 4xx) are handed back, not thrown.
 */
const HANDED_BACK = [301, 302, 304, 307, 308, 400, 401, 403, 404, 409, 410, 422, 451];

export interface ClientFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  retries?: number;
  secrets: readonly string[];
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

export function clientFetch(options: ClientFetchOptions): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const response = await httpRequest({
      method: (init?.method ?? "GET").toUpperCase() as HttpRequest["method"],
      url,
      headers,
      body: typeof init?.body === "string" ? init.body : undefined,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      retry: retryPolicy(options.retries),
      acceptStatuses: HANDED_BACK,
      secrets: options.secrets,
      signal: options.signal,
      onRetry: ({ attempt, delayMs, reason, call }) => options.logger.warn(`retrying in ${delayMs} ms`, { source: call.url, attempt, reason }),
    });
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
  };
}
