import { sleep } from "../../shared/sleep.ts";
/**
 * A token bucket: `take()` resolves when a token is available, tokens refill continuously
 * at `ratePerSecond` up to `capacity`. Callers share one bucket per rate-limited service.
 *
 * With `capacity` 1 the bucket spaces calls evenly (1000 / rate ms apart), which is what a
 * server counting requests in a sliding one-second window needs: a full bucket of 7 followed
 * by 7 refilled tokens would put 14 calls inside one second.
 */
export interface TokenBucket {
  take(signal?: AbortSignal): Promise<void>;
}

export function createTokenBucket(options: { ratePerSecond: number; capacity?: number; now?: () => number }): TokenBucket {
  const rate = options.ratePerSecond;
  if (!(rate > 0)) throw new RangeError(`ratePerSecond must be a positive number, got ${rate}`);
  const capacity = options.capacity ?? 1;
  const now = options.now ?? (() => performance.now());
  const intervalMs = 1000 / rate;
  let tokens = capacity;
  let updatedAt = now();
  // Waiters are chained so that tokens go out in call order.
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const current = now();
    tokens = Math.min(capacity, tokens + (current - updatedAt) / intervalMs);
    updatedAt = current;
  }

  async function acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      // Round up: a timer firing a fraction of a millisecond early would find no token yet.
      await sleep(Math.ceil((1 - tokens) * intervalMs), signal);
    }
  }

  return {
    take(signal) {
      const turn = queue.then(() => acquire(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
