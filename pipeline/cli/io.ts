import { humanLogger, jsonLinesLogger } from "../log/console-logger.ts";
import type { Logger } from "../log/logger.ts";

/** What a command may touch of the outside world: injected, so commands run in tests as they do in a shell. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  /** Lets `aap schedule` stop cleanly (SIGINT/SIGTERM in the real process; an AbortController in tests). */
  signal?: AbortSignal;
  /** The clock of commands that judge ages (`aap freshness`): the system's unless a test sets it. */
  now?: () => Date;
}

export type LogFormat = "human" | "json";

/** JSON lines in CI (quiet, machine-readable), readable lines on a terminal. */
export function defaultLogFormat(env: CliIo["env"]): LogFormat {
  return env.CI && env.CI !== "false" && env.CI !== "0" ? "json" : "human";
}

export function createLogger(io: CliIo, format: LogFormat, verbose = false): Logger {
  return format === "json" ? jsonLinesLogger(io.stderr) : humanLogger(io.stderr, { verbose, color: Boolean(io.stderr.isTTY) && !io.env.NO_COLOR });
}
