import { describe, expect, it } from "vitest";
import type { PackageOutcome } from "./run-package.ts";
import type { RunResult } from "./run-report.ts";
import { summarizeRuns } from "./summarize-runs.ts";

const outcome = (name: string, status: PackageOutcome["status"], more: Partial<PackageOutcome> = {}): PackageOutcome => ({
  name, status, stages: [], packageDir: `output/${name}`, sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [], ...more,
});
const report = (startedAt: string, ...packages: PackageOutcome[]): RunResult => ({ ok: packages.every((p) => p.status === "published"), startedAt, finishedAt: startedAt, packages });
const record = (stage: "extract" | "transform") => ({ stage, milliseconds: 1, counts: {} });

describe("summarizeRuns: what an alert says of a night's package jobs", () => {
  it("a package that failed is placed in the first stage it did not finish, with its failure first", () => {
    const failed = outcome("paquet-b", "failed", { stages: [record("extract"), record("transform")], failure: "source-unreachable: the server answered 503" });
    const summary = summarizeRuns([report("2026-01-02T01:00:00Z", outcome("paquet-a", "published", { dataset: { id: "x", slug: "x", page: "https://example.invalid/x" } })), report("2026-01-02T00:30:00Z", failed)], []);
    expect(summary.ok).toBe(false);
    expect(summary.startedAt).toBe("2026-01-02T00:30:00Z");
    expect(summary.packages).toEqual([
      { name: "paquet-a", status: "published", errors: [], errorCount: 0, datasetPage: "https://example.invalid/x" },
      { name: "paquet-b", status: "failed", failingStage: "package", errors: ["source-unreachable: the server answered 503"], errorCount: 1 },
    ]);
  });

  it("invalid data stops in transform when a cell did not map, else in validate; an alert keeps five errors and counts them all", () => {
    const issue = (n: number) => ({ code: "type-error" as const, source: "sources/laureats.csv", rowNumber: n, fieldName: "montant", message: `row ${n}: not a number` });
    const error = (n: number) => ({ resource: "laureats", type: "constraint-error", rowNumber: n, note: "", text: `laureats.csv row ${n}` });
    const summary = summarizeRuns([report("t", outcome("mapped-badly", "invalid", { transformIssues: [1, 2, 3].map(issue), validationErrors: [4, 5, 6].map(error) }), outcome("checked-badly", "invalid", { validationErrors: [7].map(error) }))], []);
    expect(summary.packages.map((p) => [p.failingStage, p.errors.length, p.errorCount])).toEqual([["transform", 5, 6], ["validate", 1, 1]]);
  });

  it("a report that never came fails the night, even when every report there says ok", () => {
    expect(summarizeRuns([report("t", outcome("paquet-a", "published"))], ["output/paquet-b/run-report.json"])).toMatchObject({ ok: false, missingReports: ["output/paquet-b/run-report.json"] });
    expect(summarizeRuns([report("t", outcome("paquet-a", "published"))], []).ok).toBe(true);
  });
});
