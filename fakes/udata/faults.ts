/** Fault injection: each fault applies to the next `times` requests matching its method and path. */

export interface Fault {
  method?: string;
  /** Tested against the path without the query string. */
  path?: RegExp;
  /** Default 1. */
  times?: number;
  kind: "status" | "reset" | "delay" | "html";
  /** For "status" (default 500) and "html" (default 502). */
  status?: number;
  /** JSON body for "status"; default `{"message": ...}` as udata/flask-restx would answer. */
  body?: unknown;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** For "delay". */
  delayMs?: number;
  /**
   * Process the request fully first, then fail: for "reset" the socket is destroyed before
   * answering (the client never learns the write succeeded); for "status"/"html" the real
   * answer is replaced; for "delay" the answer is held back.
   */
  after?: boolean;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private readonly pending: PendingFault[] = [];

  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer, got ${String(fault.times)}`);
    this.pending.push({ fault, remaining: times });
  }

  /** The first pending fault matching this request, consumed once. */
  take(method: string, path: string): Fault | undefined {
    const index = this.pending.findIndex(
      ({ fault }) => (fault.method === undefined || fault.method.toUpperCase() === method) && (fault.path === undefined || testPath(fault.path, path)),
    );
    if (index < 0) return undefined;
    const entry = this.pending[index]!;
    entry.remaining--;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

function testPath(pattern: RegExp, path: string): boolean {
  // A global or sticky RegExp keeps state between `test` calls; reset it so each request is judged alone.
  pattern.lastIndex = 0;
  return pattern.test(path);
}

const STATUS_TEXT: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function faultBody(fault: Fault, status: number): unknown {
  return fault.body ?? { message: STATUS_TEXT[status] ?? `Injected error ${status}` };
}

/** What a front proxy (nginx) answers when the application behind it fails. */
export function proxyHtmlPage(status: number): Buffer {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return Buffer.from(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
}

/** Share of API requests that fail at random, each drawn independently. */
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

/** A hostile server: every request may fail, as a flaky proxy in front of udata would make it. */
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
