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
import { endExtract, extractPackage, readAll } from "./extract-package.ts";
import { packageFingerprint } from "./fingerprint.ts";
import type { LocatedError } from "../validate/locate-errors.ts";
import { withPackageLock } from "./package-lock.ts";
import { publishStage } from "./publish-stage.ts";
import { checkRemote } from "./remote-check.ts";
import { StageClock, type StageRecord } from "./stage-clock.ts";

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
  packageDir: string;
  sources: Provenance[];
  transformIssues: TransformIssue[];
  validationErrors: LocatedError[];
  scdlExcluded: ScdlExclusion[];
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
  const outcome: PackageOutcome = { name: declaration.name, status: "failed", stages: clock.records, packageDir, sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [] };
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
  clock.start("extract");
  const sourcesFile = join(ctx.stateDir, SOURCES_STATE_FILE);
  const extracted = await extractPackage(declaration, {
    stateDir: ctx.stateDir,
    savedStates: await readState(sourcesFile),
    env: ctx.env,
    force: ctx.force,
    logger: ctx.logger,
    signal: ctx.signal,
    elapsed: (ms) => clock.spend("extract", ms),
  });
  // The sources are open, their records not read yet: they stream through the build.
  clock.pause("extract");

  const target = buildTarget(ctx);
  const fingerprint = await packageFingerprint(declaration, ctx.pipelineVersion, extracted.map((e) => e.provenance().sha256 ?? ""));
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
    return await checkUnchanged(declaration, ctx, clock, outcome, log);
  }

  const built = await buildPackage({
    declaration,
    extracted,
    packageDir,
    repositoryUrl: ctx.repositoryUrl,
    repositoryRoot: ctx.repositoryRoot,
    enrichmentCacheFile: join(ctx.stateDir, "cache", "recherche-entreprises.json"),
    clock,
    signal: ctx.signal,
  });
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
  for (const exclusion of built.scdlExcluded) log("warn", "scdl.excluded", `SCDL subventions: lauréat ${exclusion.key} left out: ${exclusion.reason}`);

  if (ctx.publish !== "never") {
    const published = await publishStage(
      declaration,
      packageDir,
      { env: ctx.env, stateDir: ctx.stateDir, dryRun: ctx.publish === "dry-run", logger: ctx.logger, provenance: { gitCommit: ctx.gitCommit, runUrl: ctx.runUrl, validatedAt: ctx.now().toISOString() } },
      clock,
    );
    outcome.status = published.status;
    outcome.plan = published.plan;
    outcome.planText = published.planText;
    outcome.dataset = published.dataset;
  }

  await updateState(sourcesFile, (state) => {
    for (const e of extracted) state[e.stateKey] = e.nextState();
  });
  // A dry run published nothing: the next real run must not take it for done.
  if (ctx.publish !== "dry-run" || target === PLAN_TARGET) await recordBuild(buildsFile, declaration.name, { [target]: fingerprint });
  return outcome;
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
