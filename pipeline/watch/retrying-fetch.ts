import { backoffDelay, parseRetryAfter, SYSTEM_CLOCK, type RetryClock, type RetryPolicy } from "../http/backoff.ts";

/** Reads and closes: they change nothing the second time, so any gateway hiccup is worth another try. */
const REPEATABLE: RetryPolicy = { retries: 3, minDelayMs: 1_000, maxDelayMs: 30_000, statuses: [429, 500, 502, 503, 504] };
/**
 * Opening an issue and commenting: a 500 or a reset may come after GitHub wrote it, and a second
 * try would write it twice. Only answers that say nothing was done (rate limit, unavailable) are tried again.
 */
const WRITES: RetryPolicy = { retries: 3, minDelayMs: 1_000, maxDelayMs: 30_000, statuses: [429, 503], networkErrors: false };

/**
 * The fetch Octokit calls for the alert: GitHub's transient failures are tried again with
 * backoff (Retry-After obeyed), so that a night's alert is not lost to one bad gateway.
 * The last answer, good or bad, is handed back to Octokit, which reports it.
 */
export function retryingFetch(clock: RetryClock = SYSTEM_CLOCK): typeof fetch {
  return async (input, init) => {
    const policy = (init?.method ?? "GET").toUpperCase() === "POST" ? WRITES : REPEATABLE;
    for (let attempt = 1; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const response = await fetch(input, init);
        if (!policy.statuses.includes(response.status) || attempt > policy.retries) return response;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after") ?? undefined, clock.now());
        await response.body?.cancel();
      } catch (error) {
        if (policy.networkErrors === false || attempt > policy.retries || init?.signal?.aborted) throw error;
      }
      await clock.sleep(backoffDelay(attempt, policy, retryAfterMs, clock.random), init?.signal ?? undefined);
    }
  };
}
