import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import type { Provenance } from "../extract/types.ts";
import type { Logger } from "../log/logger.ts";
import { datagouvConfigFromEnv, type Plan } from "../publish/index.ts";
import { pathExists } from "../shared/fs.ts";
import { readState, updateState } from "../state/store.ts";
import type { ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import type { TransformIssue } from "../transform/map-records.ts";
import { describeFailure, formatFailure } from "../failures/describe.ts";
import { buildPackage } from "./build-package.ts";
import { saveSnapshot, snapshotDir } from "../package/changes/published-snapshot.ts";
import { summariseRun } from "../package/changes/compute-changes.ts";
import type { RunChanges } from "../package/changes/change-history.ts";
import { endExtract, extractPackage, readAll, type ExtractedResource } from "./extract-package.ts";
import { packageFingerprint } from "./fingerprint.ts";
import type { LocatedError } from "../validate/locate-errors.ts";
import { withPackageLock } from "./package-lock.ts";
import { publishStage } from "./publish-stage.ts";
import { checkRemote } from "./remote-check.ts";
import { publishedDataset, publishedDatasetKey } from "./published-dataset.ts";
import { StageClock, type StageRecord, type StepRecord } from "./stage-clock.ts";

export const SOURCES_STATE_FILE = "sources.json";
export const BUILDS_STATE_FILE = "builds.json";

export interface RunContext {
  repositoryRoot: string;
  repositoryUrl: string;
  outputDir: string;
  stateDir: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Ignore change detection: read every source in full and rebuild. */
  force: boolean;
  /** `never` for `aap build`; `dry-run` prints the plan even with a key. */
  publish: "auto" | "dry-run" | "never";
  pipelineVersion: string;
  gitCommit?: string;
  runUrl?: string;
  now: () => Date;
  signal?: AbortSignal;
  /** How long a run waits for another run of the same package (same state folder) to finish. */
  lockWaitMs: number;
}

export type PackageStatus = "published" | "planned" | "built" | "unchanged" | "invalid" | "failed";

export interface PackageOutcome {
  name: string;
  status: PackageStatus;
  stages: StageRecord[];
  /** The steps outside the stages, timed (stage-clock.ts); absent from reports written before they were. */
  steps?: StepRecord[];
  packageDir: string;
  sources: Provenance[];
  transformIssues: TransformIssue[];
  validationErrors: LocatedError[];
  scdlExcluded: ScdlExclusion[];
  /** What changed since the last published version (a few rows per list; output/<name>/changes.json has more). */
  changes?: RunChanges;
  plan?: Plan;
  planText?: string;
  dataset?: { id: string; slug: string; page?: string };
  /** The package had not changed and the dataset was read to check it: what had drifted there. */
  remoteCheck?: { instance: string; drift: string[] };
  /** What stopped the package, for `failed`: its code, message and what to do (failures/describe.ts). */
  failure?: string;
}

/** Success statuses: the run exits 0 when every package ends in one of these. */
export const SUCCESS: ReadonlySet<PackageStatus> = new Set(["published", "planned", "built", "unchanged"]);

type Log = (level: "info" | "warn" | "error", event: string, message: string) => void;

/**
 * One package, every stage, while holding the package's lock. State (source cursors and
 * ETags, what was built for which target) is saved only at the end of a successful run, so
 * a failed night is simply redone.
 */
export async function runPackage(declaration: Declaration, ctx: RunContext): Promise<PackageOutcome> {
  const clock = new StageClock(ctx.logger, declaration.name);
  const packageDir = join(ctx.outputDir, declaration.name);
  const outcome: PackageOutcome = { name: declaration.name, status: "failed", stages: clock.records, steps: clock.steps, packageDir, sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [] };
  const log: Log = (level, event, message) => ctx.logger.log({ level, event, message, package: declaration.name });
  try {
    const purpose = ctx.publish === "never" ? "aap build" : "aap run";
    return await withPackageLock(declaration.name, ctx, purpose, () => runStages(declaration, ctx, clock, outcome, log));
  } catch (error) {
    outcome.status = "failed";
    outcome.failure = formatFailure(describeFailure(error), { debug: Boolean(ctx.env.AAP_DEBUG) });
    log("error", "run.failed", outcome.failure);
    return outcome;
  }
}

async function runStages(declaration: Declaration, ctx: RunContext, clock: StageClock, outcome: PackageOutcome, log: Log): Promise<PackageOutcome> {
  const packageDir = outcome.packageDir;
  const sourcesFile = join(ctx.stateDir, SOURCES_STATE_FILE);
  const savedStates = await readState(sourcesFile);
  // The sources are opened, their records not read yet: they stream through the build, once.
  const open = async (): Promise<ExtractedResource[]> => {
    clock.start("extract");
    const opened = await extractPackage(declaration, { stateDir: ctx.stateDir, savedStates, env: ctx.env, force: ctx.force, logger: ctx.logger, signal: ctx.signal, elapsed: (ms) => clock.spend("extract", ms) });
    clock.pause("extract");
    return opened;
  };
  let extracted = await open();
  const sourceHashes = extracted.map((e) => e.provenance().sha256 ?? "");
  // A second build (the documentation with new ids) reads the sources again: they must still be the ones just built.
  const reopen = async (): Promise<ExtractedResource[]> => {
    const again = await open();
    if (again.some((e, i) => (e.provenance().sha256 ?? "") !== sourceHashes[i])) throw new Error(`${declaration.name}: a source changed during the run; the next run builds it`);
    return again;
  };

  const target = buildTarget(ctx);
  let publication = await publishedDataset(ctx.stateDir, ctx.env, declaration.name);
  let fingerprint = await packageFingerprint(declaration, ctx.pipelineVersion, sourceHashes, publishedDatasetKey(publication));
  const buildsFile = join(ctx.stateDir, BUILDS_STATE_FILE);
  const builds = await readState(buildsFile);
  const done = builds[declaration.name] as Record<string, unknown> | undefined;
  // output/<name> must hold this very build too: another target may have rebuilt it since.
  if (!ctx.force && done?.[target] === fingerprint && done[OUTPUT_KEY] === fingerprint && (await pathExists(join(packageDir, "datapackage.json")))) {
    await readAll(extracted);
    endExtract(clock, extracted);
    outcome.sources = extracted.map((e) => e.provenance());
    outcome.status = "unchanged";
    const since = `no source, declaration or schema changed since the last successful run${target === "build" ? "" : ` for ${target}`}`;
    if (!checksRemote(ctx)) {
      log("info", "run.unchanged", `${since}: nothing to build or publish`);
      return outcome;
    }
    log("info", "run.unchanged", `${since}: nothing to build; reading the dataset to check that data.gouv.fr still holds it`);
    const checked = await checkUnchanged(declaration, ctx, clock, outcome, log);
    const after = await publishedDataset(ctx.stateDir, ctx.env, declaration.name);
    if (publishedDatasetKey(after) === publishedDatasetKey(publication)) return checked;
    // The repair put back a file under a new id: the documentation's addresses must follow.
    log("info", "documentation.ids", "the repair gave files new ids on data.gouv.fr: documentation rendered again with them, and sent");
    publication = after;
    fingerprint = await packageFingerprint(declaration, ctx.pipelineVersion, sourceHashes, publishedDatasetKey(publication));
    extracted = await reopen();
  }

  const at = ctx.now().toISOString();
  const build = (known: typeof publication) => buildPackage({
    declaration,
    extracted,
    packageDir,
    repositoryUrl: ctx.repositoryUrl,
    repositoryRoot: ctx.repositoryRoot,
    enrichmentCacheFile: join(ctx.stateDir, "cache", "recherche-entreprises.json"),
    clock,
    changes: { snapshotDir: snapshotDir(ctx.stateDir, declaration.name), at },
    publication: known,
    signal: ctx.signal,
  });
  let built = await build(publication);
  outcome.sources = extracted.map((e) => e.provenance());
  if (built.status === "invalid") {
    outcome.status = "invalid";
    outcome.transformIssues = built.transformIssues;
    outcome.validationErrors = built.validationErrors;
    const lines = [...built.transformIssues.map((issue) => issue.message), ...built.validationErrors.map((error) => error.text)];
    for (const line of lines.slice(0, 50)) log("error", "data.invalid", line);
    if (lines.length > 50) log("error", "data.invalid", `… and ${lines.length - 50} more (see the JSON report: aap run --json)`);
    log("error", "run.invalid", `invalid data: nothing written to ${packageDir} and nothing published; fix the source and run again`);
    return outcome;
  }
  outcome.status = "built";
  await recordBuild(buildsFile, declaration.name, { [OUTPUT_KEY]: fingerprint });
  outcome.scdlExcluded = built.scdlExcluded;
  outcome.changes = summariseRun(built.changes.run, REPORTED_ROWS);
  log("info", "changes", changesLine(built.changes.run));
  for (const exclusion of built.scdlExcluded) log("warn", "scdl.excluded", `SCDL subventions: lauréat ${exclusion.key} left out: ${exclusion.reason}`);

  if (ctx.publish !== "never") {
    const publish = () =>
      publishStage(
        declaration,
        packageDir,
        { env: ctx.env, stateDir: ctx.stateDir, dryRun: ctx.publish === "dry-run", logger: ctx.logger, provenance: { gitCommit: ctx.gitCommit, runUrl: ctx.runUrl, validatedAt: ctx.now().toISOString() } },
        clock,
      );
    const published = await publish();
    let last = published;
    let planText = published.planText;
    const known = await publishedDataset(ctx.stateDir, ctx.env, declaration.name);
    if (published.status === "published" && publishedDatasetKey(known) !== publishedDatasetKey(publication)) {
      // A first publication creates the dataset, then its files: only now are their ids known,
      // and the documentation's examples must name them. Same data, so the build is valid again.
      log("info", "documentation.ids", `the dataset's ids on ${published.target} are now known: documentation rendered again with them, and sent`);
      extracted = await reopen();
      const rebuilt = await build(known);
      if (rebuilt.status !== "built") throw new Error(`${declaration.name}: the package built a moment ago is not valid any more`);
      built = rebuilt;
      fingerprint = await packageFingerprint(declaration, ctx.pipelineVersion, sourceHashes, publishedDatasetKey(known));
      await recordBuild(buildsFile, declaration.name, { [OUTPUT_KEY]: fingerprint });
      last = await publish();
      // The night's changes are in the first plan: the report keeps it, then tells what the second sent.
      planText = `${published.planText}\nthen, the documentation with the dataset's ids on ${last.target}:\n${last.planText}`;
    }
    outcome.status = last.status;
    outcome.plan = published.plan;
    outcome.planText = planText;
    outcome.dataset = last.dataset;
  }

  await updateState(sourcesFile, (state) => {
    for (const e of extracted) state[e.stateKey] = e.nextState();
  });
  // Only now is this version the one to compare the next run with: a failed publication keeps the previous one.
  if (built.changes.record) await clock.step("snapshot", () => saveSnapshot(snapshotDir(ctx.stateDir, declaration.name), built.changes.run.at, built.tableFiles, built.changes.history.runs));
  // A dry run published nothing: the next real run must not take it for done.
  if (ctx.publish !== "dry-run" || target === PLAN_TARGET) await recordBuild(buildsFile, declaration.name, { [target]: fingerprint });
  return outcome;
}

/** Rows of each list of changes shown in the run report. */
const REPORTED_ROWS = 5;

function changesLine(run: RunChanges): string {
  const since = run.previousAt === null ? "first version" : `since ${run.previousAt}`;
  const tables = run.tables.map((t) => `${t.table} +${t.counts.added} −${t.counts.removed} ~${t.counts.modified}`).join(", ");
  return `changes ${since}: ${tables || "no table"}`;
}

/** In builds.json, next to the targets: the fingerprint of what output/<name> holds. */
const OUTPUT_KEY = "output";
const PLAN_TARGET = "plan";

function recordBuild(buildsFile: string, packageName: string, entries: Record<string, string>): Promise<void> {
  return updateState(buildsFile, (state) => {
    state[packageName] = { ...(state[packageName] as object | undefined), ...entries };
  });
}

/** With a key, an unchanged package is still compared with its dataset: only a plan with no key skips that. */
function checksRemote(ctx: RunContext): boolean {
  return ctx.publish !== "never" && datagouvConfigFromEnv(ctx.env).apiKey !== undefined;
}

async function checkUnchanged(declaration: Declaration, ctx: RunContext, clock: StageClock, outcome: PackageOutcome, log: Log): Promise<PackageOutcome> {
  const checked = await checkRemote(
    declaration,
    outcome.packageDir,
    { env: ctx.env, stateDir: ctx.stateDir, dryRun: ctx.publish === "dry-run", logger: ctx.logger, gitCommit: ctx.gitCommit, runUrl: ctx.runUrl },
    clock,
  );
  outcome.remoteCheck = { instance: checked.target, drift: checked.drift };
  outcome.dataset = checked.dataset;
  if (checked.drift.length === 0) return outcome;
  for (const line of checked.drift) log("warn", "publish.drift", `changed on ${checked.target}: ${line}`);
  outcome.status = checked.status;
  outcome.plan = checked.plan;
  outcome.planText = checked.planText;
  return outcome;
}

/**
 * What a run is for: each target keeps its own record of the last fingerprint done, so a
 * local build never hides a pending plan, nor a plan a pending publication.
 */
function buildTarget(ctx: RunContext): string {
  if (ctx.publish === "never") return "build";
  const config = datagouvConfigFromEnv(ctx.env);
  // A dry run with a key compares with what was published there.
  if (!config.apiKey) return PLAN_TARGET;
  // The resolved base URL: DATAGOUV_URL may be spelt several ways, and never carries credentials.
  return `datagouv:${config.baseUrl}`;
}
