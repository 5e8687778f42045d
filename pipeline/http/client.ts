import { Agent, FormData, request as undiciRequest, type Dispatcher } from "undici";
import { describeThrown } from "../frictionless/index.ts";
import { backoffDelay, parseRetryAfter, SYSTEM_CLOCK, type RetryClock, type RetryPolicy } from "./backoff.ts";
import { HttpError, type HttpCall } from "./errors.ts";
import { credentialHeaderValues, redactText, redactUrl } from "./redact.ts";

/**
 * One HTTP function for every connector and for the data.gouv.fr client: timeouts,
 * a size limit, and retries with exponential backoff and equal jitter (backoff.ts says
 * why) on network errors, 429 (honouring Retry-After) and 5xx. Non-idempotent calls (POST)
 * are not retried unless the caller says it is safe: a blind retry of an upload can
 * duplicate a resource.
 */

export type { RetryClock, RetryPolicy };

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  statuses: [429, 500, 502, 503, 504],
};

export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY, retries: 0 };

export type RequestBody = string | Uint8Array | FormData | null;

export interface HttpRequest {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  /** A function when the body must be rebuilt for each attempt (a FormData stream is consumed once). */
  body?: RequestBody | (() => RequestBody);
  /** Serialised as JSON with the right Content-Type. */
  json?: unknown;
  /** Time limit for the headers and, separately, for the body. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  maxBytes?: number;
  /** Defaults to DEFAULT_RETRY for idempotent methods and NO_RETRY for POST/PATCH. */
  retry?: RetryPolicy;
  /** Statuses returned to the caller instead of thrown (e.g. 304, 404). */
  acceptStatuses?: readonly number[];
  /** Secret values to scrub from any error text (tokens sent in headers). */
  secrets?: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** Called before each retry, for progress logs. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; call: HttpCall }) => void;
  /** The system's clock unless a test injects one. */
  clock?: RetryClock;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  url: string;
  attempts: number;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH",
  "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

let sharedAgent: Agent | undefined;
function agent(): Dispatcher {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, connections: 8 });
  return sharedAgent;
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const method = req.method ?? "GET";
  const call: HttpCall = { method, url: redactUrl(req.url) };
  const policy = req.retry ?? (IDEMPOTENT.has(method) ? DEFAULT_RETRY : NO_RETRY);
  // A token sent in a header is a secret even when the caller forgot to list it.
  const secrets = [...(req.secrets ?? []), ...credentialHeaderValues(req.headers)];
  const clock = req.clock ?? SYSTEM_CLOCK;
  for (let attempt = 1; ; attempt++) {
    let failure: HttpError;
    let retryable: boolean;
    let retryAfterMs: number | undefined;
    try {
      const response = await attemptOnce(req, method, call, attempt);
      const ok = (response.status >= 200 && response.status < 300) || req.acceptStatuses?.includes(response.status);
      if (ok) return response;
      failure = statusError(response, call, attempt, secrets);
      retryable = policy.statuses.includes(response.status);
      retryAfterMs = parseRetryAfter(response.headers["retry-after"], clock.now());
    } catch (error) {
      failure = networkError(error, call, attempt, secrets, req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      retryable = policy.networkErrors !== false && !(error instanceof HttpError) && isRetryableNetwork(error) && !req.signal?.aborted;
    }
    if (!retryable || attempt > policy.retries) throw failure;
    const delayMs = backoffDelay(attempt, policy, retryAfterMs, clock.random);
    req.onRetry?.({ attempt, delayMs, reason: failure.message, call });
    await clock.sleep(delayMs, req.signal);
  }
}

/** JSON convenience: parses the body, or fails with `http-invalid-body` naming the call. */
export async function httpJson<T = unknown>(req: HttpRequest): Promise<{ status: number; data: T; headers: Record<string, string> }> {
  const response = await httpRequest({ ...req, headers: { accept: "application/json", ...req.headers } });
  return { status: response.status, data: parseJsonBody<T>(response, { method: req.method ?? "GET", url: redactUrl(req.url) }), headers: response.headers };
}

export function parseJsonBody<T>(response: HttpResponse, call: HttpCall): T {
  if (response.status === 204 || response.body.length === 0) return undefined as T;
  try {
    return JSON.parse(response.body.toString("utf8")) as T;
  } catch (cause) {
    throw new HttpError({
      code: "http-invalid-body",
      message: `${call.method} ${call.url} answered ${response.status} with a body that is not JSON (${describeType(response.headers["content-type"])})`,
      call,
      status: response.status,
      bodyExcerpt: response.body.toString("utf8", 0, 500),
      cause,
    });
  }
}

async function attemptOnce(req: HttpRequest, method: string, call: HttpCall, attempt: number): Promise<HttpResponse> {
  const timeout = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = { "user-agent": USER_AGENT, ...req.headers };
  let body: RequestBody | undefined = typeof req.body === "function" ? req.body() : req.body;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers["content-type"] = "application/json";
  }
  const response = await undiciRequest(req.url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body: body ?? undefined,
    dispatcher: agent(),
    headersTimeout: timeout,
    bodyTimeout: timeout,
    signal: req.signal,
  });
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Destroying an unread body emits an "aborted" error: without a listener it would crash the process.
    response.body.on("error", () => {});
    response.body.destroy();
    throw tooLarge(call, maxBytes, attempt);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw tooLarge(call, maxBytes, attempt);
    }
    chunks.push(chunk as Buffer);
  }
  return { status: response.statusCode, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks), url: req.url, attempts: attempt };
}

export const USER_AGENT = "aap-opendata (+https://github.com/aap-opendata/aap-opendata)";

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function statusError(response: HttpResponse, call: HttpCall, attempt: number, secrets: readonly (string | undefined)[]): HttpError {
  const excerpt = redactText(response.body.toString("utf8", 0, 500), secrets);
  let body: unknown;
  try {
    // A server may echo the request back (its URL, a header): the parsed body is scrubbed too.
    body = JSON.parse(redactText(response.body.toString("utf8"), secrets));
  } catch {
    body = undefined;
  }
  const detail = body === undefined ? describeType(response.headers["content-type"]) : summariseJson(body);
  return new HttpError({
    code: "http-status",
    message: redactText(`${call.method} ${call.url} answered ${response.status}${detail ? `: ${detail}` : ""}`, secrets),
    call,
    status: response.status,
    bodyExcerpt: excerpt,
    body,
    attempts: attempt,
  });
}

function networkError(error: unknown, call: HttpCall, attempt: number, secrets: readonly (string | undefined)[], timeoutMs: number): HttpError {
  if (error instanceof HttpError) return error;
  const code = errorCode(error);
  const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT";
  const reason = timedOut ? `no answer within ${timeoutMs} ms` : `${code ?? "network error"}: ${describeThrown(error).message}`;
  return new HttpError({
    code: timedOut ? "http-timeout" : "http-network",
    message: redactText(`${call.method} ${call.url} failed: ${reason}`, secrets),
    call,
    attempts: attempt,
    cause: error,
  });
}

function tooLarge(call: HttpCall, maxBytes: number, attempt: number): HttpError {
  return new HttpError({
    code: "http-too-large",
    message: `${call.method} ${call.url}: the body is larger than the limit of ${maxBytes} bytes; raise the source's maxBytes if this size is expected`,
    call,
    attempts: attempt,
  });
}

function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isRetryableNetwork(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

function describeType(contentType: string | undefined): string {
  return contentType ? `content-type ${contentType.split(";")[0]}` : "";
}

function summariseJson(body: unknown): string {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    for (const key of ["message", "error", "erreur", "detail"]) {
      if (typeof record[key] === "string") return record[key] as string;
    }
    if (record.errors !== undefined) return JSON.stringify(record.errors).slice(0, 300);
  }
  return JSON.stringify(body).slice(0, 300);
}

export { FormData };
