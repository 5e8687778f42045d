import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
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

  it("--site: one site for the night from every job's package, each linked to the dataset its job published", async () => {
    const root = await makeWorkspace();
    expect((await aap(["build"], { cwd: root })).code).toBe(0);
    const published = jobReport(BUNDLED_PACKAGE, "published", "2026-01-02T02:17:05Z", "2026-01-02T02:19:00Z");
    published.packages[0]!.dataset = { id: "id-fictif", slug: "jeu-fictif", page: "https://demo.data.gouv.fr/datasets/jeu-fictif/" };
    // Each job's artifact: its output folder. The second job's site is its own only; a report never names a path.
    await mkdir(join(root, "reports", "output-paquet-b", "site"), { recursive: true });
    await writeFile(join(root, "reports", "output-paquet-b", "site", "index.html"), "le site d'un seul paquet");
    await writeFile(join(root, "reports", "output-paquet-b", "run-report.json"), JSON.stringify(jobReport("paquet-b", "published", "2026-01-02T02:17:01Z", "2026-01-02T02:18:00Z")));
    await mkdir(join(root, "reports", "output-x"), { recursive: true });
    await writeFile(join(root, "reports", "output-x", "run-report.json"), JSON.stringify(jobReport("../hors-du-dossier", "published", "2026-01-02T02:17:01Z", "2026-01-02T02:18:00Z")));
    await cp(join(root, "output", BUNDLED_PACKAGE), join(root, "reports", "hors-du-dossier"), { recursive: true });
    await cp(join(root, "output", BUNDLED_PACKAGE), join(root, "reports", "output-main", BUNDLED_PACKAGE), { recursive: true });
    await writeFile(join(root, "reports", "output-main", "run-report.json"), JSON.stringify(published));

    const run = await aap(["merge-reports", "reports", "--output", "nuit", "--site"], { cwd: root, now: () => new Date("2026-01-02T03:00:00Z") });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`(packages: ${BUNDLED_PACKAGE})`);
    expect(await readdir(join(root, "nuit"))).toEqual(expect.arrayContaining([BUNDLED_PACKAGE, "site", "run-report.json"]));
    const home = await readFile(join(root, "nuit", "site", "index.html"), "utf8");
    expect(home).not.toContain("le site d'un seul paquet");
    const pages = await readdir(join(root, "nuit", "site"), { recursive: true });
    const packagePage = pages.find((page) => page.endsWith(".html") && page.includes(BUNDLED_PACKAGE));
    expect(packagePage).toBeDefined();
    expect(await readFile(join(root, "nuit", "site", packagePage!), "utf8")).toContain("https://demo.data.gouv.fr/datasets/jeu-fictif/");
    expect(await readdir(root)).not.toContain("hors-du-dossier");
  });
});
