import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../../fakes/http/local-server.ts";
import { httpRequest, type HttpRequest, type RetryClock, type RetryPolicy } from "./client.ts";
import { HttpError } from "./errors.ts";

/**
 * The retry loop of the HTTP client against a real local server, on an injected clock:
 * every wait the client asks for is recorded instead of slept, so the delays are checked
 * exactly and the tests never wait.
 */

const NOW = Date.UTC(2026, 0, 15, 2, 17, 0);
const POLICY: RetryPolicy = { retries: 3, minDelayMs: 500, maxDelayMs: 30_000, statuses: [429, 500, 502, 503, 504] };

function recordingClock(random = 0): RetryClock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => NOW, random: () => random, sleep: async (ms) => void waits.push(ms) };
}

/**
 * `/fail/<status>/<times>/<case>` answers `status` the first `times` requests (with the
 * `retry-after` query parameter as its Retry-After header), then 200. Each test names its
 * own case so that counts never mix.
 */
let server: LocalServer;
const requests = new Map<string, string[]>();
beforeAll(async () => {
  server = await startLocalServer((req) => {
    const [, , status, times, name] = req.path.split("/");
    const seen = requests.get(name!) ?? [];
    seen.push(req.method);
    requests.set(name!, seen);
    if (seen.length <= Number(times)) {
      const retryAfter = req.url.searchParams.get("retry-after");
      return { status: Number(status), headers: { "content-type": "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) }, raw: '{"message":"simulated failure"}' };
    }
    return { status: 200, headers: { "content-type": "text/plain" }, raw: "ok" };
  });
});
afterAll(() => server.close());

function call(name: string, status: number, times: number, init: Partial<HttpRequest> & { retryAfter?: string } = {}) {
  const query = init.retryAfter === undefined ? "" : `?retry-after=${encodeURIComponent(init.retryAfter)}`;
  return httpRequest({ retry: POLICY, ...init, url: `${server.url}/fail/${status}/${times}/${name}${query}` });
}

describe("which calls are retried", () => {
  it.each(["GET", "HEAD", "PUT", "DELETE"] as const)("retries an idempotent %s on 503 with the default policy, until it succeeds", async (method) => {
    const clock = recordingClock();
    const response = await httpRequest({ method, url: `${server.url}/fail/503/2/default-${method}`, clock });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(3);
    expect(requests.get(`default-${method}`)).toEqual([method, method, method]);
    expect(clock.waits).toHaveLength(2);
  });

  it.each(["POST", "PATCH"] as const)("never retries a %s by default: a blind retry could write twice", async (method) => {
    const clock = recordingClock();
    const error = await httpRequest({ method, url: `${server.url}/fail/503/1/default-${method}`, body: "{}", clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "http-status", status: 503, attempts: 1 });
    expect(requests.get(`default-${method}`)).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it("retries a POST when the caller's policy says the status means 'not processed'", async () => {
    const clock = recordingClock();
    const response = await call("post-429", 429, 1, { method: "POST", body: "{}", clock, retry: { ...POLICY, statuses: [429] } });
    expect(response.status).toBe(200);
    expect(requests.get("post-429")).toEqual(["POST", "POST"]);
  });

  it.each([429, 500, 502, 503, 504])("retries status %i", async (status) => {
    const clock = recordingClock();
    expect((await call(`status-${status}`, status, 1, { clock })).attempts).toBe(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("fails at once on status %i: asking again gets the same answer", async (status) => {
    const clock = recordingClock();
    await expect(call(`status-${status}`, status, 1, { clock })).rejects.toMatchObject({ code: "http-status", status, attempts: 1 });
    expect(clock.waits).toEqual([]);
  });

  it("returns an accepted status (304, 404…) to the caller instead of failing or retrying", async () => {
    const response = await call("accepted-404", 404, 1, { acceptStatuses: [404], clock: recordingClock() });
    expect(response.status).toBe(404);
    expect(requests.get("accepted-404")).toHaveLength(1);
  });

  it("gives up after the policy's retries, with the last answer and the number of attempts", async () => {
    const clock = recordingClock();
    await expect(call("exhausted", 503, 10, { clock })).rejects.toMatchObject({ code: "http-status", status: 503, attempts: 4 });
    expect(requests.get("exhausted")).toHaveLength(4);
    expect(clock.waits).toHaveLength(3);
  });

  it("retries a refused connection, unless the caller says the outcome of a reset is unknown", async () => {
    const gone = await startLocalServer(() => ({ status: 204 }));
    const url = `${gone.url}/nobody-listens`;
    await gone.close();
    const clock = recordingClock();
    await expect(httpRequest({ url, retry: POLICY, clock })).rejects.toMatchObject({ code: "http-network", attempts: 4 });
    expect(clock.waits).toHaveLength(3);
    const once = recordingClock();
    await expect(httpRequest({ url, retry: { ...POLICY, networkErrors: false }, clock: once })).rejects.toMatchObject({ code: "http-network", attempts: 1 });
    expect(once.waits).toEqual([]);
  });
});

describe("how long the client waits", () => {
  it("backs off exponentially with equal jitter: half the step always, the other half drawn", async () => {
    const smallest = recordingClock(0);
    await call("backoff-low", 503, 3, { clock: smallest });
    expect(smallest.waits).toEqual([250, 500, 1000]);
    const largest = recordingClock(0.999_999);
    await call("backoff-high", 503, 3, { clock: largest });
    expect(largest.waits).toEqual([500, 1000, 2000]);
  });

  it("waits the Retry-After given in seconds, and reports it before waiting", async () => {
    const clock = recordingClock();
    const retries: number[] = [];
    await call("after-seconds", 429, 1, { clock, retryAfter: "7", onRetry: ({ delayMs }) => retries.push(delayMs) });
    expect(clock.waits).toEqual([7_000]);
    expect(retries).toEqual([7_000]);
  });

  it("waits until the Retry-After given as an HTTP date, on the injected clock", async () => {
    const clock = recordingClock();
    await call("after-date", 503, 1, { clock, retryAfter: new Date(NOW + 12_000).toUTCString() });
    expect(clock.waits).toEqual([12_000]);
  });

  it("caps a Retry-After longer than maxDelayMs: a night's run does not sleep for an hour", async () => {
    const clock = recordingClock();
    await call("after-capped", 429, 2, { clock, retryAfter: "3600" });
    expect(clock.waits).toEqual([30_000, 30_000]);
  });

  it("falls back to the backoff when the Retry-After cannot be read", async () => {
    const clock = recordingClock(0);
    await call("after-unreadable", 503, 1, { clock, retryAfter: "demain matin" });
    expect(clock.waits).toEqual([250]);
  });
});
