import { sleep } from "../shared/sleep.ts";

/** How many times, how long and on which statuses a call is tried again. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles each retry. */
  minDelayMs: number;
  /** Cap on one backoff delay, Retry-After included. */
  maxDelayMs: number;
  /** Statuses worth another try. */
  statuses: readonly number[];
  /**
   * Retry network errors and timeouts (default true). False for calls whose outcome is
   * unknown after a reset (a POST that may have been processed): the caller re-reads instead.
   */
  networkErrors?: boolean;
}

/** Time and chance as the retry loop sees them: tests inject their own and never wait. */
export interface RetryClock {
  /** Milliseconds since the epoch, to read a Retry-After given as an HTTP date. */
  now(): number;
  /** A number in [0, 1), for the jitter. */
  random(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: RetryClock = { now: () => Date.now(), random: () => Math.random(), sleep };

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past means now. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (1 for the first retry). A server that says how
 * long to wait (Retry-After) is obeyed, up to the policy's cap: a night's run does not
 * sleep for an hour because one API asked it to; the retry that follows fails instead.
 *
 * Otherwise exponential backoff with "equal jitter", as AWS's "Exponential Backoff and
 * Jitter" names it: half of the exponential step is always waited, the other half is
 * random. Full jitter (a wait anywhere between 0 and the step) does less total work when
 * many clients fight over one resource, which is not our case: a run is one client making
 * its calls one after another, and the faults it retries are a server restarting or a
 * gateway hiccup. There, a wait of a few milliseconds would spend one of the few retries on
 * a server that had no time to recover; the fixed half guarantees the retries span the
 * whole schedule (3.75 s at least with the default 4 retries from 500 ms), and the random
 * half still spreads runs that failed at the same moment.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const step = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
