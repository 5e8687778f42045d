import { join } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { loadDeclarations, runPackages, type RunResult } from "../../orchestrate/run.ts";
import { checkCronExpression, runCycle, runDaemon, type JobOutcome } from "../../schedule/daemon.ts";
import type { ParsedArgs } from "../command.ts";
import { locations, runContext } from "../context.ts";
import { type CliIo, createLogger } from "../io.ts";
import { lockWaitMs, logFormatOption, stringOption } from "../options.ts";
import { checkPublication } from "../publication-check.ts";

/**
 * `aap schedule`: the daemon, until a signal stops it. A bad schedule is a `schedule-error` (exit 2).
 * The defaults come from the command, whose help quotes them. `--once`: one cycle, its status.
 */
export async function scheduleDaemon(args: ParsedArgs, io: CliIo, defaults: { cron: string; timezone: string }): Promise<number> {
  const cron = stringOption(args, "cron") ?? io.env.AAP_CRON ?? defaults.cron;
  const timezone = stringOption(args, "timezone") ?? io.env.AAP_TIMEZONE ?? defaults.timezone;
  checkCronExpression(cron, timezone);
  const wait = lockWaitMs(args);
  checkPublication("schedule", io.env, false);
  const logger = createLogger(io, logFormatOption(args, io));
  const where = locations(io, { datapackages: stringOption(args, "datapackages"), output: stringOption(args, "output"), stateDir: stringOption(args, "state-dir") });
  const stateFile = join(where.stateDir, "schedule.json");
  const job = async () => {
    // Declarations are read at each run: a change lands without restarting the daemon.
    const declarations = await loadDeclarations(where.datapackagesDir, [], io.cwd);
    const result = await runPackages({ ...runContext(io, where, logger, { force: false, publish: "auto", lockWaitMs: wait }), datapackagesDir: where.datapackagesDir, packages: [] }, declarations);
    return jobOutcome(result);
  };
  if (args.values.once) return once(await runCycle({ job, logger, stateFile, now: () => new Date() }, "--once"), io);
  const controller = new AbortController();
  io.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  await runDaemon({ cron, timezone, logger, signal: controller.signal, stateFile, catchUp: !args.values["no-catch-up"], job });
  return EXIT.ok;
}

/**
 * The status of a `--once` cycle: 0 when every package is on data.gouv.fr as built, 1 otherwise.
 * A cycle that could not start (a broken declaration) throws its own error, with its code and status.
 */
function once(outcome: JobOutcome & { error?: unknown }, io: CliIo): number {
  if (outcome.error !== undefined) throw outcome.error;
  io.stdout.write(`${outcome.summary}\n${outcome.ok ? "done." : "failed: see the messages above and output/run-report.md"}\n`);
  return outcome.ok ? EXIT.ok : EXIT.failed;
}

/**
 * A cycle succeeds only when every package is on data.gouv.fr as built: published, or
 * unchanged and checked there. A plan (nothing sent) is never recorded as a success.
 */
export function jobOutcome(result: RunResult): JobOutcome {
  const published = result.packages.every((p) => p.status === "published" || (p.status === "unchanged" && p.remoteCheck !== undefined));
  return { ok: result.ok && published, summary: result.packages.map((p) => `${p.name} ${p.status}`).join(", ") || "no package" };
}
