import type { LogEvent, Logger, ProgressData } from "./logger.ts";

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface JsonLinesOptions {
  now?: () => Date;
  /** At most one progress event per piece of work this often (default 5 s). */
  progressEveryMs?: number;
  /**
   * How long a piece of work runs before its first progress event (default: `progressEveryMs`,
   * so short work logs none). `aap validate` says 0: a first event as soon as rows are read.
   */
  firstProgressAfterMs?: number;
}

export const PROGRESS_EVERY_MS = 5000;

/** One JSON object per line, for CI and log collectors; progress as `<stage>.progress` events, throttled. */
export function jsonLinesLogger(stream: Stream, options: JsonLinesOptions | (() => Date) = {}): Logger {
  const { now = () => new Date(), progressEveryMs = PROGRESS_EVERY_MS, firstProgressAfterMs = progressEveryMs } = typeof options === "function" ? { now: options } : options;
  const write = (event: LogEvent) => stream.write(`${JSON.stringify({ time: now().toISOString(), ...event })}\n`);
  // When each piece of work (package, stage, subject) was first seen and last reported.
  const seen = new Map<string, { first: number; last: number }>();
  return {
    log: write,
    progress(message, data) {
      if (data === undefined) return;
      const key = progressKey(data);
      const at = now().getTime();
      const entry = seen.get(key) ?? { first: at, last: -Infinity };
      seen.set(key, entry);
      if (at - entry.first < firstProgressAfterMs || at - entry.last < progressEveryMs) return;
      entry.last = at;
      write({ level: "info", event: `${data.stage}.progress`, message, ...(data.package === undefined ? {} : { package: data.package }), data: { ...data } });
    },
  };
}

function progressKey(data: ProgressData): string {
  return `${data.package ?? ""}\n${data.stage}\n${data.subject}`;
}

const LEVEL_MARK: Record<LogEvent["level"], string> = { debug: " ", info: "•", warn: "!", error: "✗" };

/** Readable lines for a person at a terminal; progress rewrites one status line. */
export function humanLogger(stream: Stream, options: { verbose?: boolean; color?: boolean } = {}): Logger {
  const color = options.color ?? Boolean(stream.isTTY);
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) stream.write("\r\x1b[2K");
    statusShown = false;
  };
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    log(event) {
      if (event.level === "debug" && !options.verbose) return;
      clearStatus();
      const mark = event.level === "error" ? paint(31, LEVEL_MARK.error) : event.level === "warn" ? paint(33, LEVEL_MARK.warn) : LEVEL_MARK[event.level];
      const prefix = event.package ? paint(2, `[${event.package}] `) : "";
      stream.write(`${mark} ${prefix}${event.message}\n`);
    },
    progress(message, data) {
      if (!stream.isTTY) return;
      clearStatus();
      if (message === "") return;
      const text = data?.package ? `[${data.package}] ${message}` : message;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(paint(2, text.length > width ? `${text.slice(0, width - 1)}…` : text));
      statusShown = true;
    },
  };
}
