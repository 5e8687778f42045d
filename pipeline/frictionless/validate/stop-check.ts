/**
 * Lets a stop request (SIGINT, SIGTERM) through while a validation keeps the thread busy:
 * rows that are already in memory are checked in microtasks only, and a signal handler, like
 * any event, waits for the event loop. Every `YIELD_MS` of work, the loop gets a turn; an
 * aborted signal then stops the validation with its reason.
 */
const YIELD_MS = 50;

export class StopCheck {
  private last = performance.now();

  constructor(private readonly signal: AbortSignal | undefined) {}

  /** Throws the signal's reason once it is aborted; gives the event loop a turn now and then. Cheap enough for every batch. */
  async check(): Promise<void> {
    this.signal?.throwIfAborted();
    const now = performance.now();
    if (now - this.last < YIELD_MS) return;
    this.last = now;
    await new Promise((resolve) => setImmediate(resolve));
    this.signal?.throwIfAborted();
  }
}
