import { constants } from "node:os";
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
}

/** The exit codes every command keeps to. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type LogFormat = "human" | "json";

/** JSON lines in CI (quiet, machine-readable), readable lines on a terminal. */
export function defaultLogFormat(env: CliIo["env"]): LogFormat {
  return env.CI && env.CI !== "false" && env.CI !== "0" ? "json" : "human";
}

export function createLogger(io: CliIo, format: LogFormat, verbose = false): Logger {
  return format === "json" ? jsonLinesLogger(io.stderr) : humanLogger(io.stderr, { verbose, color: Boolean(io.stderr.isTTY) && !io.env.NO_COLOR });
}

/** A usage mistake: reported with the command's help hint, exit code 2. */
export class UsageError extends Error {
  readonly code = "usage-error";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Why a command was asked to stop: the signal the process received (the abort reason of `CliIo.signal`). */
export class StopRequest extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
    this.name = "StopRequest";
  }
}

/**
 * The exit code of a command that a signal stopped, as a shell reports a process the signal
 * ended: 128 + its number (130 for SIGINT, 143 for SIGTERM). SIGTERM when the reason is not a signal.
 */
export function stoppedExitCode(signal: AbortSignal): number {
  const reason: unknown = signal.reason;
  const name = reason instanceof StopRequest ? reason.signal : "SIGTERM";
  return 128 + (constants.signals[name] ?? constants.signals.SIGTERM);
}
