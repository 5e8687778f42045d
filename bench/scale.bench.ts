import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureScaleSources, PACKAGE_NAME } from "./scale/generate-scale-sources.ts";
import { STAGE_ORDER } from "../pipeline/orchestrate/stage-clock.ts";

/**
 * npm run bench (or: node --import tsx bench/scale.bench.ts [--scale-rows 100000,1000000])
 *
 * `aap run` at scale: the bench declaration (bench/scale/datapackages/aap-scale: programmes,
 * 200 calls, N lauréats in the team's spreadsheet shape, the SCDL export derived) run as a
 * user runs it, `node pipeline/cli/aap.js run --dry-run --force` on the built dist/, each size
 * in its own process: extract, transform, package, validate, and the publication plan (nothing
 * is sent). Whole-process wall time and peak RSS (the process's own maxRSS, read at its exit),
 * then each stage's time and the process's peak RSS by the end of that stage (output/run-report.json).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const { values } = parseArgs({ options: { "scale-rows": { type: "string", default: "100000,1000000" } }, strict: false });
const sizes = String(values["scale-rows"]).split(",").map(Number);
const TARGET_PEAK_MB = 500;

interface StageFigures {
  stage: string;
  milliseconds: number;
  counts: Record<string, number>;
}

interface StepFigures {
  step: string;
  milliseconds: number;
  peakRssMB: number;
}

interface RunFigures {
  rows: number;
  sourceMB: number;
  seconds: number;
  maxRssMB: number;
  cpuSeconds: number;
  stages: StageFigures[];
  /** The package's steps outside the stages, then the site (written once for the run). */
  steps: StepFigures[];
}

function runAtScale(rows: number, datapackages: string): RunFigures {
  const work = join(datapackages, "run");
  rmSync(work, { recursive: true, force: true });
  const peakFile = join(datapackages, "peak.json");
  const args = ["--import", join(here, "scale", "peak-rss.js"), join(root, "pipeline", "cli", "aap.js"), "run", "--dry-run", "--force", "--log-format", "json"];
  const where = ["--datapackages", datapackages, "--output", join(work, "output"), "--state-dir", join(work, "state")];
  // No DATAGOUV_* variable: the plan is made from the (empty) publication state, nothing is sent.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("DATAGOUV_")));
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...args, ...where], { cwd: root, env: { ...env, AAP_BENCH_PEAK_FILE: peakFile }, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`aap run on ${rows} rows exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  const peak = JSON.parse(readFileSync(peakFile, "utf8")) as { maxRssMB: number; cpuSeconds: number };
  type Report = { packages: { name: string; stages: StageFigures[]; steps?: StepFigures[] }[]; site?: { milliseconds?: number; peakRssMB?: number } };
  const report = JSON.parse(readFileSync(join(work, "output", "run-report.json"), "utf8")) as Report;
  const outcome = report.packages.find((p) => p.name === PACKAGE_NAME);
  const stages = outcome?.stages ?? [];
  const site = report.site?.milliseconds === undefined ? [] : [{ step: "site", milliseconds: report.site.milliseconds, peakRssMB: report.site.peakRssMB ?? 0 }];
  const steps = [...(outcome?.steps ?? []), ...site];
  const sourceMB = statSync(join(datapackages, PACKAGE_NAME, "sources", "laureats.csv")).size / 1e6;
  rmSync(work, { recursive: true, force: true });
  return { rows, sourceMB, seconds, ...peak, stages, steps };
}

/** The steps after validation, in the order they run (orchestrate/build-package.ts, run-package.ts, run-site.ts). */
const STEPS = ["downloads.read", "downloads.xlsx", "downloads.json", "changes", "promote", "snapshot", "site"];

const inSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Each step's time / the process's peak RSS by its end, then what neither a stage nor a step accounts for. */
function stepRow(figures: RunFigures): string {
  const step = (name: string) => {
    const found = figures.steps.find((s) => s.step === name);
    return found ? `${inSeconds(found.milliseconds)} / ${found.peakRssMB} MB` : "—";
  };
  const timed = [...figures.stages, ...figures.steps].reduce((sum, t) => sum + t.milliseconds, 0);
  return `| ${figures.rows.toLocaleString("en")} | ${STEPS.map(step).join(" | ")} | ${inSeconds(figures.seconds * 1000 - timed)} |`;
}

function row(figures: RunFigures): string {
  const stage = (name: string) => {
    const found = figures.stages.find((s) => s.stage === name);
    return found ? `${inSeconds(found.milliseconds)} / ${found.counts.peakRssMB ?? "?"} MB` : "—";
  };
  return `| ${figures.rows.toLocaleString("en")} | ${figures.sourceMB.toFixed(0)} MB | ${figures.seconds.toFixed(1)} s | ${figures.cpuSeconds.toFixed(1)} s | **${figures.maxRssMB} MB** | ${STAGE_ORDER.map(stage).join(" | ")} |`;
}

console.log("Building dist/ (aap refuses a stale build)…");
execFileSync(process.execPath, [join(root, "pipeline", "cli", "build", "build.js")], { cwd: root, stdio: "ignore" });
const results: RunFigures[] = [];
for (const rows of sizes) {
  console.log(`Generating the ${rows}-row sources (once, bench/.data/) and running aap run --dry-run…`);
  const datapackages = await ensureScaleSources(join(here, ".data", `scale-${rows}`), rows);
  results.push(runAtScale(rows, datapackages));
}

console.log(`
### aap run at scale

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}.
Whole process: \`node pipeline/cli/aap.js run --dry-run --force\` on the bench declaration (bench/scale/), dist/ built,
one run per size, wall time from this script, peak RSS and CPU time the process's own (\`process.resourceUsage()\` at exit).
Per stage (from output/run-report.json): time / peak RSS of the process by the end of the stage (process-wide,
never decreasing: not the stage's own use). Extract, transform and package are one streamed pass: each one's time
is the time spent in its own code during that pass. Publish is the plan only (no key: nothing sent).

| lauréats | source CSV | wall | CPU | peak RSS | extract | transform | package | validate | publish (plan) |
|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join("\n")}

Steps outside the stages (output/run-report.json, site from the run's own record): time / peak RSS of the
process by the end of the step. The downloads read each validated table once for every form: \`downloads.read\`
is reading it back (parse, cast), xlsx and json (JSON and NDJSON together) each the time in its own writer,
all three with the peak by the end of the downloads. Untimed: the wall time no stage or step accounts for
(the process's start, loading declarations and schemas, the run report).

| lauréats | ${STEPS.join(" | ")} | untimed |
|---|${STEPS.map(() => "---|").join("")}---|
${results.map(stepRow).join("\n")}
`);
const small = results[0];
const large = results[results.length - 1];
if (small && large && large !== small) {
  const growth = large.maxRssMB / small.maxRssMB;
  const rowsRatio = large.rows / small.rows;
  console.log(`Peak RSS at ${large.rows.toLocaleString("en")} rows: ${large.maxRssMB} MB (target < ${TARGET_PEAK_MB} MB: ${large.maxRssMB < TARGET_PEAK_MB ? "met" : "NOT met"}).`);
  console.log(`Growth ${small.rows.toLocaleString("en")} → ${large.rows.toLocaleString("en")} rows: ×${growth.toFixed(2)} peak RSS for ×${rowsRatio} rows (target: at most linear, ×${rowsRatio}: ${growth <= rowsRatio ? "met" : "NOT met"}).`);
}
