import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../log/logger.ts";
import type { RunContext } from "../orchestrate/run-package.ts";
import type { CliIo } from "./io.ts";

/** The package's root: above this module in the sources (pipeline/cli/), and in the built program (dist/). */
const REPOSITORY_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return resolve(from, "..", "..");
  }
}

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(REPOSITORY_ROOT, "package.json"), "utf8")) as PackageJson;
}

export function pipelineVersion(): string {
  return packageJson().version;
}

/** The browsable home of the repository, where local sources are linked from the published package. */
function repositoryUrl(): string {
  const { repository, homepage } = packageJson();
  const url = typeof repository === "string" ? repository : repository?.url;
  return (url ?? homepage ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
}

/** The commit that built the package: GitHub tells it in CI; elsewhere ask git, if there is one. */
function gitCommit(env: CliIo["env"]): string | undefined {
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPOSITORY_ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface Locations {
  datapackagesDir: string;
  outputDir: string;
  stateDir: string;
}

/** Folders from the options, else the environment, else the defaults, relative to the working directory. */
export function locations(io: CliIo, options: { datapackages?: string; output?: string; stateDir?: string }): Locations {
  return {
    datapackagesDir: resolve(io.cwd, options.datapackages ?? "datapackages"),
    outputDir: resolve(io.cwd, options.output ?? "output"),
    stateDir: resolve(io.cwd, options.stateDir ?? io.env.AAP_STATE_DIR ?? ".aap"),
  };
}

export function runContext(io: CliIo, where: Locations, logger: Logger, options: { force: boolean; publish: RunContext["publish"]; lockWaitMs: number }): RunContext {
  const commit = gitCommit(io.env);
  return {
    repositoryRoot: resolve(where.datapackagesDir, ".."),
    repositoryUrl: repositoryUrl(),
    outputDir: where.outputDir,
    stateDir: where.stateDir,
    env: io.env,
    logger,
    force: options.force,
    publish: options.publish,
    pipelineVersion: `${pipelineVersion()}+${commit ?? "unknown"}`,
    gitCommit: commit,
    runUrl: io.env.AAP_RUN_URL ?? githubRunUrl(io.env),
    now: () => new Date(),
    signal: io.signal,
    lockWaitMs: options.lockWaitMs,
  };
}

/** The address of the Actions run, from the variables Actions sets. */
export function githubRunUrl(env: CliIo["env"]): string | undefined {
  return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}
