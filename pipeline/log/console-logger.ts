import type { LogEvent, Logger } from "./logger.ts";

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** One JSON object per line, for CI and log collectors. */
export function jsonLinesLogger(stream: Stream, now: () => Date = () => new Date()): Logger {
  return {
    log(event) {
      stream.write(`${JSON.stringify({ time: now().toISOString(), ...event })}\n`);
    },
    progress: () => undefined,
  };
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
    progress(message) {
      if (!stream.isTTY) return;
      clearStatus();
      if (message === "") return;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(paint(2, message.length > width ? `${message.slice(0, width - 1)}…` : message));
      statusShown = true;
    },
  };
}
