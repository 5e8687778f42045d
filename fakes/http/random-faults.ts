import type { Fault } from "./faults.ts";

/** Share of requests that fail at random, each drawn independently. */
export interface RandomFaultRates {
  /** Same seed, same sequence of draws: a failing run can be replayed. */
  seed: number;
  /** 500, 502 or 503; half of them after the request was processed. */
  serverError?: number;
  /** 429 with `Retry-After: 1`, never processed (what a rate limiter does). */
  tooManyRequests?: number;
  /** TCP reset; half of them after the request was processed. */
  reset?: number;
}

/** A hostile network: every request may fail, as a flaky proxy in front of the real service would make it. */
export class RandomFaults {
  private readonly random: () => number;

  constructor(private readonly rates: RandomFaultRates) {
    this.random = mulberry32(rates.seed);
  }

  draw(): Fault | undefined {
    const roll = this.random();
    const after = this.random() < 0.5;
    const { serverError = 0, tooManyRequests = 0, reset = 0 } = this.rates;
    if (roll < serverError) return { kind: "status", status: [500, 502, 503][Math.floor(this.random() * 3)], after };
    if (roll < serverError + tooManyRequests) return { kind: "status", status: 429, retryAfter: 1 };
    if (roll < serverError + tooManyRequests + reset) return { kind: "reset", after };
    return undefined;
  }
}

/** A small seeded generator (mulberry32): uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
