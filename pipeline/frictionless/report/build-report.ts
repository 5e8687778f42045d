import type { ValidationError } from "../errors/index.ts";
import type { Report, ReportTask } from "./types.ts";

/** Assembles a report from its tasks and the errors that belong to no task. */
export function buildReport(tasks: ReportTask[], errors: ValidationError[], warnings: string[], seconds: number): Report {
  const taskErrors = tasks.reduce((sum, task) => sum + task.errors.length, 0);
  const taskWarnings = tasks.reduce((sum, task) => sum + task.warnings.length, 0);
  return {
    valid: errors.length === 0 && tasks.every((task) => task.valid),
    stats: { tasks: tasks.length, errors: errors.length + taskErrors, warnings: warnings.length + taskWarnings, seconds: round(seconds) },
    warnings,
    errors,
    tasks,
  };
}

/** Seconds to the millisecond, as fpy rounds them. */
export function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * The report with every timing set to 0, so that a report written to disk (or compared in a
 * test) is the same bytes for the same data.
 */
export function stripTimings(report: Report): Report {
  return {
    ...report,
    stats: { ...report.stats, seconds: 0 },
    tasks: report.tasks.map((task) => ({ ...task, stats: { ...task.stats, seconds: 0 } })),
  };
}
