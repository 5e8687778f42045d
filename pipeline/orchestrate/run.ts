import { join, resolve } from "node:path";
import { UnknownPackageError } from "../declaration/errors.ts";
import { listDeclarationFiles, loadDeclaration } from "../declaration/load.ts";
import type { Declaration } from "../declaration/types.ts";
import { connectorOptionsSchemas } from "../extract/registry.ts";
import { datagouvConfigFromEnv } from "../publish/index.ts";
import { writeFileAtomic } from "../state/store.ts";
import { recordLastSuccess } from "../watch/last-success.ts";
import { removeLeftovers } from "./leftovers.ts";
import { renderRunReport, type RunResult } from "./run-report.ts";
import { runPackage, SUCCESS, type PackageOutcome, type RunContext } from "./run-package.ts";
import { writeRunSite } from "./run-site.ts";

export interface RunRequest extends RunContext {
  /** Folder holding one folder per package declaration. */
  datapackagesDir: string;
  /** Package names; empty means all of them. */
  packages: readonly string[];
}

export type { RunResult };

/** Every declaration under `datapackagesDir`, checked (throws DeclarationError, UnknownPackageError). */
export async function loadDeclarations(datapackagesDir: string, names: readonly string[], cwd: string): Promise<Declaration[]> {
  const files = await listDeclarationFiles(datapackagesDir);
  const declarations: Declaration[] = [];
  const byName = new Map(files.map((file) => [file.split(/[\\/]/).slice(-2, -1)[0]!, file]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) throw new UnknownPackageError(unknown, [...byName.keys()], datapackagesDir);
  const wanted = names.length > 0 ? names : [...byName.keys()];
  for (const name of wanted) declarations.push(await loadDeclaration(byName.get(name)!, { connectorSchemas: connectorOptionsSchemas(), cwd }));
  return declarations;
}

/**
 * Run every requested package in turn (one failing package does not stop the others) and
 * write the site (`output/site/`) from every package in output/, and the run report next to
 * the packages: `output/run-report.json` and `.md`.
 */
export async function runPackages(request: RunRequest, declarations: readonly Declaration[]): Promise<RunResult> {
  const startedAt = request.now().toISOString();
  await removeLeftovers([request.stateDir, request.outputDir], request.logger);
  const packages: PackageOutcome[] = [];
  for (const declaration of declarations) {
    if (request.signal?.aborted) break;
    const outcome = await runPackage(declaration, request);
    packages.push(outcome);
    if (onDatagouv(outcome, request)) await recordLastSuccess(request.stateDir, datagouvConfigFromEnv(request.env).baseUrl, outcome.name, request.now());
  }
  const site = await writeRunSite(request, packages);
  const ok = packages.every((p) => SUCCESS.has(p.status)) && site.status === "written";
  const result: RunResult = { ok, startedAt, finishedAt: request.now().toISOString(), packages, site };
  await writeRunReport(request.outputDir, result);
  return result;
}

/** The package is on data.gouv.fr as built: published now, or found unchanged there (aap freshness reads it). */
function onDatagouv(outcome: PackageOutcome, request: RunRequest): boolean {
  if (request.publish !== "auto" || !datagouvConfigFromEnv(request.env).apiKey) return false;
  return outcome.status === "published" || (outcome.status === "unchanged" && outcome.remoteCheck !== undefined);
}

export const RUN_REPORT_JSON = "run-report.json";
export const RUN_REPORT_MARKDOWN = "run-report.md";

export async function writeRunReport(outputDir: string, result: RunResult): Promise<void> {
  const dir = resolve(outputDir);
  await writeFileAtomic(join(dir, RUN_REPORT_JSON), `${JSON.stringify(result, null, 2)}\n`);
  await writeFileAtomic(join(dir, RUN_REPORT_MARKDOWN), renderRunReport(result));
}
