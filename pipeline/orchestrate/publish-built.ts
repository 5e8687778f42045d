import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { describeFailure, formatFailure } from "../failures/describe.ts";
import type { Logger } from "../log/logger.ts";
import { pathExists } from "../shared/fs.ts";
import { locateValidationErrors } from "../validate/locate-errors.ts";
import { withPackageLock } from "./package-lock.ts";
import { publishStage, type PublishStageResult } from "./publish-stage.ts";
import type { RunContext } from "./run-package.ts";
import { StageClock } from "./stage-clock.ts";
import { validateOutput } from "../validate/validate-output.ts";

export type PublishBuiltOutcome =
  | { name: string; status: "missing"; message: string }
  | { name: string; status: "invalid" | "failed"; message: string; errors: string[] }
  | ({ name: string; status: "published" | "planned" } & PublishStageResult);

/**
 * `aap publish`: publish what `aap build` left in output/<name>/. The folder is validated
 * again first: whatever happened to it since, invalid data is never sent.
 */
export async function publishBuilt(
  declaration: Declaration,
  ctx: Pick<RunContext, "outputDir" | "stateDir" | "env" | "gitCommit" | "runUrl" | "now" | "lockWaitMs" | "signal"> & { logger: Logger; dryRun: boolean },
): Promise<PublishBuiltOutcome> {
  const packageDir = join(ctx.outputDir, declaration.name);
  const name = declaration.name;
  if (!(await pathExists(join(packageDir, "datapackage.json")))) {
    return { name, status: "missing", message: `no built package in ${packageDir}: run "aap build ${name}" first` };
  }
  try {
    return await withPackageLock(name, ctx, "aap publish", () => validateAndPublish(declaration, packageDir, ctx));
  } catch (error) {
    return { name, status: "failed", message: formatFailure(describeFailure(error), { debug: Boolean(ctx.env.AAP_DEBUG) }), errors: [] };
  }
}

async function validateAndPublish(declaration: Declaration, packageDir: string, ctx: Parameters<typeof publishBuilt>[1]): Promise<PublishBuiltOutcome> {
  const name = declaration.name;
  const clock = new StageClock(ctx.logger, name);
  clock.start("validate");
  const report = await validateOutput(packageDir);
  clock.end("validate", { tables: report.tasks.filter((task) => task.type === "table").length, errors: report.stats.errors });
  if (!report.valid) {
    const errors = locateValidationErrors(report, new Map()).map((e) => e.text);
    return { name, status: "invalid", message: `${packageDir} is not valid: nothing published`, errors };
  }
  const result = await publishStage(declaration, packageDir, { env: ctx.env, stateDir: ctx.stateDir, dryRun: ctx.dryRun, logger: ctx.logger, provenance: { gitCommit: ctx.gitCommit, runUrl: ctx.runUrl, validatedAt: ctx.now().toISOString() } }, clock);
  return { name, ...result };
}
