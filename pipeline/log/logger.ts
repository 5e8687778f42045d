/**
 * Every stage reports what it does through this interface; the CLI picks how it is shown:
 * readable lines with durations on a terminal, one JSON object per line in CI (machine-
 * readable, progress now and then only). Stages never print directly.
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
  /**
   * Transient progress: a terminal shows it on one status line (an empty message clears it);
   * in CI, an update that carries `data` becomes a JSON event, at most every few seconds.
   */
  progress(message: string, data?: ProgressData): void;
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

/**
 * How far a long piece of work is, as a stage counts it: rows and bytes so far, the total when
 * it is known, and the rates since it started. A terminal shows it on one status line; in CI the
 * JSON-lines logger turns it into a `<stage>.progress` event now and then (console-logger.ts).
 * Here, beside the Logger that receives it; progress.ts computes it.
 */
export interface ProgressData {
  /** `extract`, `transform`, `validate`, `upload`… */
  stage: string;
  /** What is being worked on: a source, a resource, a file. */
  subject: string;
  package?: string;
  rows?: number;
  bytes?: number;
  /** Known in advance (a local file's size): gives `percent`. */
  totalBytes?: number;
  percent?: number;
  rowsPerSecond?: number;
  bytesPerSecond?: number;
  elapsedMs: number;
}
