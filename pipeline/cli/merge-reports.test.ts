import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aap } from "../../fakes/fixtures/cli-workspace.ts";
import type { RunResult } from "../orchestrate/run-report.ts";

/** A job's report as `aap run` writes it, for a fictitious package. */
function jobReport(name: string, status: "published" | "invalid", startedAt: string, finishedAt: string): RunResult {
  return {
    ok: status === "published",
    startedAt,
    finishedAt,
    packages: [{ name, status, stages: [], packageDir: `output/${name}`, sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [] }],
  };
}

/** A folder laid out as download-artifact leaves it: one sub-folder per job's artifact. */
async function artifacts(reports: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "aap-merge-"));
  for (const [folder, report] of Object.entries(reports)) {
    await mkdir(join(root, "reports", folder), { recursive: true });
    await writeFile(join(root, "reports", folder, "run-report.json"), typeof report === "string" ? report : JSON.stringify(report));
  }
  return root;
}

describe("aap merge-reports", () => {
  it("gathers the jobs' reports into one, from the first start to the last end", async () => {
    const root = await artifacts({ "output-paquet-a": jobReport("paquet-a", "published", "2026-01-02T02:17:05Z", "2026-01-02T02:19:00Z"), "output-paquet-b": jobReport("paquet-b", "published", "2026-01-02T02:17:01Z", "2026-01-02T02:18:00Z") });
    const run = await aap(["merge-reports", "reports", "--expect", "paquet-a,paquet-b"], { cwd: root });
    expect(run.code).toBe(0);
    const merged = JSON.parse(await readFile(join(root, "output", "run-report.json"), "utf8")) as RunResult;
    expect(merged).toMatchObject({ ok: true, startedAt: "2026-01-02T02:17:01Z", finishedAt: "2026-01-02T02:19:00Z" });
    expect(merged.packages.map((p) => p.name)).toEqual(["paquet-a", "paquet-b"]);
    expect(await readFile(join(root, "output", "run-report.md"), "utf8")).toContain("| paquet-b |");
  });

  it("counts a package whose job left no report as failed, and fails", async () => {
    const root = await artifacts({ "output-paquet-a": jobReport("paquet-a", "published", "2026-01-02T02:17:05Z", "2026-01-02T02:19:00Z") });
    const run = await aap(["merge-reports", "reports", "--expect", "paquet-a,paquet-b", "--output", "merged"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("failed: paquet-b");
    const merged = JSON.parse(await readFile(join(root, "merged", "run-report.json"), "utf8")) as RunResult;
    expect(merged.ok).toBe(false);
    expect(merged.packages.find((p) => p.name === "paquet-b")).toMatchObject({ status: "failed", failure: expect.stringContaining("did not finish") });
  });

  it("fails a run with no report at all rather than calling it a success", async () => {
    const root = await mkdtemp(join(tmpdir(), "aap-merge-"));
    const run = await aap(["merge-reports", "reports"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no package report at all");
  });

  it("refuses a report that is not one, naming the file (exit 2, no stack trace)", async () => {
    const root = await artifacts({ "output-paquet-a": "{ half a report" });
    const run = await aap(["merge-reports", "reports"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("output-paquet-a/run-report.json");
    expect(run.stderr).toContain("run-report-unreadable");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
