import { formatBytes } from "./format.ts";
import type { Logger, ProgressData } from "./logger.ts";

export interface ProgressMeter {
  /** The counts so far (not increments). Cheap: call it per batch. */
  update(counts: { rows?: number; bytes?: number; totalBytes?: number }): void;
  /** The work is over: a terminal's status line is cleared. */
  done(): void;
}

export interface MeterSubject {
  stage: string;
  subject: string;
  package?: string;
  totalBytes?: number;
}

/** A meter that reports to `logger`; `now` in milliseconds (performance.now by default). */
export function progressMeter(logger: Logger, what: MeterSubject, now: () => number = () => performance.now()): ProgressMeter {
  const started = now();
  let totalBytes = what.totalBytes;
  return {
    update(counts) {
      totalBytes = counts.totalBytes ?? totalBytes;
      const data = progressData(what, { ...counts, totalBytes }, now() - started);
      logger.progress(describeProgress(data), data);
    },
    done: () => logger.progress(""),
  };
}

/** The figures of an update: percentage and rates, derived once here for every logger. */
export function progressData(what: MeterSubject, counts: { rows?: number; bytes?: number; totalBytes?: number }, elapsedMs: number): ProgressData {
  const seconds = elapsedMs / 1000;
  const data: ProgressData = { stage: what.stage, subject: what.subject, elapsedMs: Math.round(elapsedMs) };
  if (what.package !== undefined) data.package = what.package;
  if (counts.rows !== undefined) data.rows = counts.rows;
  if (counts.bytes !== undefined) data.bytes = counts.bytes;
  if (counts.totalBytes !== undefined && counts.totalBytes > 0) {
    data.totalBytes = counts.totalBytes;
    if (counts.bytes !== undefined) data.percent = Math.min(100, Math.floor((100 * counts.bytes) / counts.totalBytes));
  }
  // A rate over a few milliseconds means nothing.
  if (seconds >= 0.5) {
    if (counts.rows !== undefined) data.rowsPerSecond = Math.round(counts.rows / seconds);
    if (counts.bytes !== undefined) data.bytesPerSecond = Math.round(counts.bytes / seconds);
  }
  return data;
}

/** One line: "validate laureats: 1,200,000 rows, 34.5 MB of 100.0 MB (34 %), 450,000 rows/s". */
export function describeProgress(data: ProgressData): string {
  const parts: string[] = [];
  if (data.rows !== undefined) parts.push(`${groupThousands(data.rows)} rows`);
  if (data.bytes !== undefined) parts.push(data.totalBytes === undefined ? formatBytes(data.bytes) : `${formatBytes(data.bytes)} of ${formatBytes(data.totalBytes)} (${data.percent ?? 0} %)`);
  if (data.rowsPerSecond !== undefined) parts.push(`${groupThousands(data.rowsPerSecond)} rows/s`);
  else if (data.bytesPerSecond !== undefined) parts.push(`${formatBytes(data.bytesPerSecond)}/s`);
  return `${data.stage} ${data.subject}: ${parts.join(", ") || "started"}`;
}

/**
 * "1234567" as "1,234,567". Not `toLocaleString("en")`: that builds an ICU number format at
 * every call (about 60 µs), and the first one loads ICU's data: a validation's progress cost
 * 20 ms of the calling thread on a 10-row table, 30-57 ms on a million rows.
 */
export function groupThousands(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString("en");
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}
