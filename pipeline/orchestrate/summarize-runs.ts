import type { PackageSummary, RunSummary } from "../watch/run-summary.ts";
import type { RunResult } from "./run-report.ts";
import { SUCCESS, type PackageOutcome } from "./run-package.ts";
import { STAGE_ORDER, type StageRecord } from "./stage-clock.ts";

/** Errors kept per package in an alert: the report has the rest. */
const FIRST_ERRORS = 5;

/**
 * What an alert says of a night: the reports of its package jobs, and the reports that should
 * have been there and were not (a job that stopped before writing one). A failure anywhere, or
 * a missing report, fails the night.
 */
export function summarizeRuns(reports: readonly RunResult[], missingReports: readonly string[]): RunSummary {
  const started = reports.map((report) => report.startedAt).sort();
  return {
    ok: missingReports.length === 0 && reports.every((report) => report.ok),
    ...(started[0] !== undefined ? { startedAt: started[0] } : {}),
    packages: reports.flatMap((report) => report.packages.map(packageSummary)),
    missingReports: [...missingReports],
  };
}

function packageSummary(outcome: PackageOutcome): PackageSummary {
  const transform = outcome.transformIssues.map((issue) => issue.message);
  const validation = outcome.validationErrors.map((error) => error.text);
  const errors = [...(outcome.failure !== undefined ? [outcome.failure] : []), ...transform, ...validation];
  const summary: PackageSummary = { name: outcome.name, status: outcome.status, errors: errors.slice(0, FIRST_ERRORS), errorCount: errors.length };
  if (!SUCCESS.has(outcome.status)) summary.failingStage = outcome.status === "invalid" ? (transform.length > 0 ? "transform" : "validate") : stageAfter(outcome.stages);
  if (outcome.dataset?.page !== undefined) summary.datasetPage = outcome.dataset.page;
  return summary;
}

/** A failed package stopped in the first stage it did not finish (the report lists the finished ones). */
function stageAfter(stages: readonly StageRecord[]): string {
  const done = new Set(stages.map((record) => record.stage));
  return STAGE_ORDER.find((stage) => !done.has(stage)) ?? "publish";
}
