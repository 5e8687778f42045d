import type { RetryPolicy } from "../../pipeline/http/client.ts";
import type { ServerResponse } from "node:http";

/**
 * Scripted failures for fake servers: the next requests get these answers (a 429 with
 * Retry-After, a 503, an HTML page…) before the fake's normal logic. It also checks the
 * client's manners: a request that arrives before the Retry-After it was given has
 * elapsed is counted in `earlyRetries`, so tests assert "honours Retry-After" without
 * measuring time themselves.
 */
export interface Fault {
  status: number;
  retryAfterSeconds?: number;
  /** Defaults to a JSON error body. */
  body?: string;
  contentType?: string;
}

export interface FaultInjector {
  /** Answers still to serve, in order. */
  readonly script: Fault[];
  /** Requests that came before the last Retry-After had elapsed. */
  readonly earlyRetries: number;
  /** Note a Retry-After the fake sent on its own (its rate limit). */
  retryAfter(seconds: number): void;
  /** Call first in the handler: true when the request was answered with a scripted fault. */
  answer(res: ServerResponse): boolean;
}

export function createFaultInjector(): FaultInjector {
  const script: Fault[] = [];
  let earlyRetries = 0;
  let notBefore = 0;
  return {
    script,
    get earlyRetries() {
      return earlyRetries;
    },
    retryAfter(seconds) {
      notBefore = performance.now() + seconds * 1000;
    },
    answer(res) {
      if (performance.now() < notBefore) earlyRetries++;
      const fault = script.shift();
      if (!fault) return false;
      if (fault.retryAfterSeconds !== undefined) this.retryAfter(fault.retryAfterSeconds);
      const body = fault.body ?? JSON.stringify({ error: `simulated failure ${fault.status}` });
      res.writeHead(fault.status, {
        "content-type": fault.contentType ?? (fault.body === undefined ? "application/json" : "text/html; charset=utf-8"),
        ...(fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) }),
      });
      res.end(body);
      return true;
    },
  };
}

/**
 * Retries for tests against fakes: a short backoff so 5xx scenarios run fast, and a cap
 * above the fakes' Retry-After (1 s) so that it is really honoured. Four attempts in all:
 * a "lasting" failure is a script of four faults.
 */
export const TEST_RETRY: RetryPolicy = { retries: 3, minDelayMs: 5, maxDelayMs: 2_000, statuses: [429, 500, 502, 503, 504] };
