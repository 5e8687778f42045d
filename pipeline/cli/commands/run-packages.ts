import { EXIT } from "../../failures/exit.ts";
import { runPackages, type RunResult } from "../../orchestrate/run.ts";
import type { RunContext } from "../../orchestrate/run-package.ts";
import type { ParsedArgs } from "../command.ts";
import { locations, runContext } from "../context.ts";
import { commandDeclarations } from "../declarations.ts";
import { type CliIo, createLogger } from "../io.ts";
import { boundHeapGrowth } from "../heap-growth.ts";
import { annotationsOption, lockWaitMs, logFormatOption, stringOption } from "../options.ts";
import { checkPublication } from "../publication-check.ts";

/** `aap run` and `aap build`: every stage of each package, up to the publication or not. */
export async function runOrBuild(args: ParsedArgs, io: CliIo, publish: RunContext["publish"]): Promise<number> {
  boundHeapGrowth();
  const logFormat = logFormatOption(args, io);
  const wait = lockWaitMs(args);
  const annotations = annotationsOption(args);
  if (publish !== "never") checkPublication("run", io.env, publish === "dry-run");
  const logger = createLogger(io, logFormat, Boolean(args.values.verbose));
  const where = locations(io, { datapackages: stringOption(args, "datapackages"), output: stringOption(args, "output"), stateDir: stringOption(args, "state-dir") });
  const declarations = await commandDeclarations(io, where, args.positionals);
  const result = await runPackages({ ...runContext(io, where, logger, { force: Boolean(args.values.force), publish, lockWaitMs: wait }), datapackagesDir: where.datapackagesDir, packages: args.positionals }, declarations);
  if (annotations === "github") await (await import("../github/report-to-github.ts")).reportToGithub(result, declarations, io);
  io.stdout.write(args.values.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
  return result.ok ? EXIT.ok : EXIT.failed;
}

function summary(result: RunResult): string {
  const lines: string[] = [];
  for (const outcome of result.packages) {
    const drift = outcome.remoteCheck?.drift ?? [];
    const status = !outcome.remoteCheck ? outcome.status : drift.length === 0 ? "unchanged (checked remote)" : `${outcome.status} (the dataset had drifted on ${outcome.remoteCheck.instance})`;
    lines.push(`${outcome.name}: ${status}${outcome.status === "built" || outcome.status === "planned" || outcome.status === "published" ? ` → ${outcome.packageDir}` : ""}`);
    for (const line of drift) lines.push(`  changed on the server: ${line}`);
    if (outcome.planText) lines.push(outcome.planText.split("\n").map((line) => `  ${line}`).join("\n"));
  }
  lines.push(result.ok ? "done." : "failed: see the messages above and output/run-report.md");
  return `${lines.join("\n")}\n`;
}
