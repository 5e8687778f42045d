import { readFile } from "node:fs/promises";
import { ReportError } from "./report-error.ts";

/**
 * What an alert needs of a run, read from `output/run-report.json` (orchestrate/run-report.ts
 * writes it): whether it succeeded, and for each package its status, the stage that stopped it
 * and its first errors. Read as outside data: a field we do not find stays empty.
 */
export interface PackageSummary {
  name: string;
  /** `published`, `unchanged`, `invalid`, `failed`… as the run report says. */
  status: string;
  /** The stage that stopped a failed or invalid package. */
  failingStage?: string;
  /** The first errors, as the run wrote them (file, row, field, rule; or the failure and its hint). */
  errors: string[];
  errorCount: number;
  datasetPage?: string;
}

export interface RunSummary {
  ok: boolean;
  startedAt?: string;
  packages: PackageSummary[];
  /** Reports that were not there: a run that stopped before writing one (bad configuration, a crash). */
  missingReports: string[];
}

/** Errors kept per package in an alert: the report has the rest. */
export const FIRST_ERRORS = 5;

const STAGES = ["extract", "transform", "package", "validate", "publish"];
const SUCCESS = new Set(["published", "unchanged", "built", "planned"]);

/** One summary of several reports (one per package job of a matrix): a failure anywhere fails it. */
export async function readRunSummary(files: readonly string[]): Promise<RunSummary> {
  const summary: RunSummary = { ok: true, packages: [], missingReports: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw unreadable(file, (error as Error).message);
      summary.missingReports.push(file);
      summary.ok = false;
      continue;
    }
    const report = parseReport(file, text);
    summary.ok &&= report.ok === true;
    if (typeof report.startedAt === "string" && (summary.startedAt === undefined || report.startedAt < summary.startedAt)) summary.startedAt = report.startedAt;
    summary.packages.push(...report.packages.map(packageSummary));
  }
  return summary;
}

interface ReportShape {
  ok: unknown;
  startedAt?: unknown;
  packages: Record<string, unknown>[];
}

function parseReport(file: string, text: string): ReportShape {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, `not JSON (${(error as Error).message})`);
  }
  const report = parsed as Partial<ReportShape> | null;
  if (!report || typeof report !== "object" || typeof report.ok !== "boolean" || !Array.isArray(report.packages)) {
    throw unreadable(file, 'not a run report: it needs "ok" (true or false) and "packages" (a list)');
  }
  return report as ReportShape;
}

function packageSummary(outcome: Record<string, unknown>): PackageSummary {
  const status = typeof outcome.status === "string" ? outcome.status : "failed";
  const texts = (list: unknown, key: string): string[] => (Array.isArray(list) ? list.flatMap((item) => (typeof item?.[key] === "string" ? [item[key] as string] : [])) : []);
  const transform = texts(outcome.transformIssues, "message");
  const validation = texts(outcome.validationErrors, "text");
  const errors = [...(typeof outcome.failure === "string" ? [outcome.failure] : []), ...transform, ...validation];
  const summary: PackageSummary = { name: String(outcome.name ?? "?"), status, errors: errors.slice(0, FIRST_ERRORS), errorCount: errors.length };
  if (!SUCCESS.has(status)) summary.failingStage = status === "invalid" ? (transform.length > 0 ? "transform" : "validate") : stageAfter(outcome.stages);
  const dataset = outcome.dataset as { page?: unknown } | undefined;
  if (typeof dataset?.page === "string") summary.datasetPage = dataset.page;
  return summary;
}

/** A failed package stopped in the first stage it did not finish (the report lists the finished ones). */
function stageAfter(stages: unknown): string {
  const done = new Set(Array.isArray(stages) ? stages.map((s) => (s as { stage?: unknown })?.stage) : []);
  return STAGES.find((stage) => !done.has(stage)) ?? "publish";
}

function unreadable(file: string, reason: string): ReportError {
  return new ReportError(file, `cannot be read as a run report: ${reason}`);
}
