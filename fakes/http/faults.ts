import { RandomFaults, type RandomFaultRates } from "./random-faults.ts";
import type { Reply } from "./reply.ts";

/**
 * The one fault model of every fake: what a test scripts (the next requests matching a method and
 * a path get a 5xx, a 429 with Retry-After, a proxy's HTML page, a reset, silence, a delay, before
 * or after the request was processed), what happens at random (seeded), the latency of a slow
 * server, and the fake's own rate limit. It also checks the client's manners: a request that
 * arrives before a Retry-After the fake sent has elapsed is counted in `earlyRetries`.
 */

export type FaultKind = "status" | "html" | "reset" | "hang" | "delay";

export interface Fault {
  method?: string;
  /** The path (without the query string) itself, or a pattern it must match. */
  path?: string | RegExp;
  /** How many matching requests get it; default 1. */
  times?: number;
  /** Default "status". */
  kind?: FaultKind;
  /** For "status" (default 500; any status, a 200 with a strange body included) and "html" (default 502). */
  status?: number;
  /** For "status": a string is sent as it is, anything else as JSON; default the fake's own error body. */
  body?: unknown;
  /** For a string `body`; default `text/html; charset=utf-8`. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** For "delay"; default 1000. */
  delayMs?: number;
  /**
   * Process the request fully first, then fail: a "reset" drops the connection before answering (the
   * client never learns the write succeeded), "status"/"html" replace the real answer, "delay" holds it.
   */
  after?: boolean;
}

/** The fake's own limit: more than `maxPerSecond` requests (to `path`, when given) within one second get `reply`. */
export interface RateLimit {
  maxPerSecond: number;
  path?: string;
  reply: Reply;
}

export interface FaultPlanOptions {
  /** The API's error body for a status fault without one; default `{"message": "<reason>"}`. */
  errorReply?: (status: number) => Reply;
  /** Which paths random faults and latency apply to (a real service's static files are served apart); default all. */
  scope?: (path: string) => boolean;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
}

export class FaultPlan {
  private readonly pending: PendingFault[] = [];
  private random: RandomFaults | undefined;
  private latencyMs = 0;
  private rateLimit: RateLimit | undefined;
  private refused = 0;
  private notBefore = 0;
  private early = 0;

  constructor(private readonly options: FaultPlanOptions = {}) {}

  /** Queues faults, in order: with the default `times`, a list is the answers of the next requests. */
  inject(...faults: Fault[]): void {
    for (const fault of faults) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer, got ${String(fault.times)}`);
      this.pending.push({ fault, remaining: times });
    }
  }

  /** Requests then fail at random at these rates (undefined: no more random faults). */
  setRandomFaults(rates: RandomFaultRates | undefined): void {
    this.random = rates ? new RandomFaults(rates) : undefined;
  }

  /** Every request then waits this long before it is processed (0: none). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  setRateLimit(limit: RateLimit | undefined): void {
    this.rateLimit = limit;
  }

  /** Requests that came before the last Retry-After had elapsed. */
  get earlyRetries(): number {
    return this.early;
  }

  /** Requests refused by the rate limit. */
  get rateLimited(): number {
    return this.refused;
  }

  /** The fault for this request, consumed: the first scripted one matching it, else a random draw. */
  take(method: string, path: string): Fault | undefined {
    const index = this.pending.findIndex(({ fault }) => matches(fault, method, path));
    if (index >= 0) {
      const entry = this.pending[index]!;
      entry.remaining--;
      if (entry.remaining === 0) this.pending.splice(index, 1);
      return entry.fault;
    }
    return this.inScope(path) ? this.random?.draw() : undefined;
  }

  latencyFor(path: string): number {
    return this.inScope(path) ? this.latencyMs : 0;
  }

  /** The rate limit's answer when `arrivals` (this request's included) exceed it within the last second. */
  checkRate(path: string, now: number, arrivals: readonly { path: string; at: number }[]): Reply | undefined {
    const limit = this.rateLimit;
    if (!limit || (limit.path !== undefined && limit.path !== path)) return undefined;
    const recent = arrivals.filter((arrival) => arrival.at > now - 1000 && (limit.path === undefined || arrival.path === limit.path));
    if (recent.length <= limit.maxPerSecond) return undefined;
    this.refused++;
    return limit.reply;
  }

  noteArrival(now: number): void {
    if (now < this.notBefore) this.early++;
  }

  /** Remembers a Retry-After sent, whoever sent it: a scripted fault, the rate limit or the fake's own logic. */
  noteReply(reply: Reply, now: number): void {
    const seconds = Number(reply.headers?.["retry-after"]);
    if (reply.headers?.["retry-after"] !== undefined && Number.isFinite(seconds)) this.notBefore = now + seconds * 1000;
  }

  /** The answer of a "status" or "html" fault. */
  replyFor(fault: Fault): Reply {
    const headers: Record<string, string> = { ...fault.headers };
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    if (fault.kind === "html") {
      const status = fault.status ?? 502;
      return { status, raw: proxyHtmlPage(status), headers: { ...headers, "content-type": "text/html" } };
    }
    const status = fault.status ?? 500;
    if (typeof fault.body === "string") return { status, raw: fault.body, headers: { "content-type": fault.contentType ?? "text/html; charset=utf-8", ...headers } };
    if (fault.body !== undefined) return { status, body: fault.body, headers: { ...(fault.contentType ? { "content-type": fault.contentType } : {}), ...headers } };
    const own = this.options.errorReply?.(status) ?? { status, body: { message: STATUS_TEXT[status] ?? `Injected error ${status}` } };
    return { ...own, headers: { ...own.headers, ...headers } };
  }

  private inScope(path: string): boolean {
    return this.options.scope?.(path) ?? true;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === "string") return fault.path === path;
  // A global or sticky RegExp keeps state between `test` calls; reset it so each request is judged alone.
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** What a front proxy (nginx) answers when the application behind it fails. */
export function proxyHtmlPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
