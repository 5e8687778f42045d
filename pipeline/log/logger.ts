/**
 * Every stage reports what it does through this interface; the CLI picks how it is shown:
 * readable lines with durations on a terminal, one JSON object per line in CI (machine-
 * readable, no progress noise). Stages never print directly.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogEvent {
  level: LogLevel;
  /** Short machine name of the event, e.g. `stage.end`, `extract.retry`. */
  event: string;
  message: string;
  /** The package the event concerns, when there is one. */
  package?: string;
  data?: Record<string, unknown>;
}

export interface Logger {
  log(event: LogEvent): void;
  /** Transient progress (a terminal shows it on one line; CI drops it). An empty message clears it. */
  progress(message: string): void;
}

export function info(logger: Logger, event: string, message: string, data?: Record<string, unknown>, pkg?: string): void {
  logger.log({ level: "info", event, message, data, package: pkg });
}

export function warn(logger: Logger, event: string, message: string, data?: Record<string, unknown>, pkg?: string): void {
  logger.log({ level: "warn", event, message, data, package: pkg });
}

/** A logger that keeps events in memory: for tests and for the run report. */
export function memoryLogger(): Logger & { events: LogEvent[] } {
  const events: LogEvent[] = [];
  return { events, log: (event) => events.push(event), progress: () => undefined };
}

export const silentLogger: Logger = { log: () => undefined, progress: () => undefined };
