import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, type RetryPolicy } from "./backoff.ts";

const POLICY: RetryPolicy = { retries: 6, minDelayMs: 500, maxDelayMs: 30_000, statuses: [503] };
const NOW = Date.UTC(2026, 0, 15, 2, 17, 0);
const lowest = () => 0;
const highest = () => 0.999_999;

describe("backoffDelay: exponential backoff with equal jitter", () => {
  it("always waits half of the exponential step: 250, 500, 1000, 2000 ms with the smallest draw", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, undefined, lowest))).toEqual([250, 500, 1000, 2000]);
  });

  it("waits up to the whole step with the largest draw, never more", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, undefined, highest))).toEqual([500, 1000, 2000, 4000]);
  });

  it("spreads the draws across the random half: a middle draw lands in the middle", () => {
    expect(backoffDelay(3, POLICY, undefined, () => 0.5)).toBe(1500);
    expect(backoffDelay(3, POLICY, undefined, () => 0.25)).toBe(1250);
  });

  it("caps the step at maxDelayMs, so late retries wait between half the cap and the cap", () => {
    expect(backoffDelay(12, POLICY, undefined, lowest)).toBe(15_000);
    expect(backoffDelay(12, POLICY, undefined, highest)).toBe(30_000);
  });

  it("obeys a Retry-After exactly, without jitter, up to the cap", () => {
    expect(backoffDelay(1, POLICY, 7_000, highest)).toBe(7_000);
    expect(backoffDelay(1, POLICY, 0, highest)).toBe(0);
    expect(backoffDelay(1, POLICY, 3_600_000, lowest)).toBe(30_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads a number of seconds, fractions included", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("1.5", NOW)).toBe(1_500);
  });

  it("reads an HTTP date as the time left until it, on the injected clock", () => {
    expect(parseRetryAfter(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(45_000);
    expect(parseRetryAfter("Thu, 15 Jan 2026 02:19:00 GMT", NOW)).toBe(120_000);
  });

  it("takes a date already past, or a negative number, as 'retry now'", () => {
    expect(parseRetryAfter("Thu, 15 Jan 2026 02:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("-5", NOW)).toBe(0);
  });

  it("ignores an absent or unreadable header: the backoff applies instead", () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter("", NOW)).toBeUndefined();
    expect(parseRetryAfter("bientôt", NOW)).toBeUndefined();
  });
});
