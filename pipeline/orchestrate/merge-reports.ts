import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathExists } from "../shared/fs.ts";
import { ReportError } from "../watch/report-error.ts";
import type { RunResult } from "./run-report.ts";
import { SUCCESS, type PackageOutcome } from "./run-package.ts";

/**
 * One night's report from the reports of its jobs (one job per package). A package expected but
 * with no report (its job timed out, was cancelled or lost its runner) is a failed package, and a
 * night with no package at all failed: the alert must not mistake silence for success.
 */
export function mergeRunReports(reports: readonly RunResult[], expected: readonly string[]): RunResult {
  const packages: PackageOutcome[] = reports.flatMap((report) => report.packages);
  for (const name of expected) {
    if (packages.some((p) => p.name === name)) continue;
    packages.push({ name, status: "failed", stages: [], packageDir: "", sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [], failure: `no run report: the job of ${name} did not finish (timeout, cancellation or a lost runner); see its log` });
  }
  const times = (key: "startedAt" | "finishedAt") => reports.map((r) => r[key]).sort();
  const started = times("startedAt");
  const finished = times("finishedAt");
  return {
    ok: packages.length > 0 && packages.every((p) => SUCCESS.has(p.status)),
    startedAt: started[0] ?? "",
    finishedAt: finished.at(-1) ?? "",
    packages,
  };
}

/** Every `run-report.json` in `dir` and its sub-folders one level down (one per downloaded artifact). */
export async function readRunReports(dir: string): Promise<RunResult[]> {
  const files: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name === "run-report.json") files.push(join(dir, entry.name));
    if (entry.isDirectory()) {
      const inner = join(dir, entry.name, "run-report.json");
      if (await pathExists(inner)) files.push(inner);
    }
  }
  const reports: RunResult[] = [];
  for (const file of files.sort()) reports.push(await readRunReport(file));
  return reports;
}

/** One `run-report.json`, as `aap run` wrote it; a file that is not one is a `ReportError`. */
export async function readRunReport(file: string): Promise<RunResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code !== undefined ? "unreadable" : "not JSON";
    throw new ReportError(file, `${reason} (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRunResult(parsed)) throw new ReportError(file, "not a run report (ok, startedAt, finishedAt and packages expected)");
  return parsed;
}

function isRunResult(value: unknown): value is RunResult {
  const v = value as Partial<RunResult> | null;
  return typeof v === "object" && v !== null && typeof v.ok === "boolean" && typeof v.startedAt === "string" && typeof v.finishedAt === "string" && Array.isArray(v.packages);
}
