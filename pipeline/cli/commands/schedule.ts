import { join } from "node:path";
import type { RunResult } from "../../orchestrate/run.ts";
import type { JobOutcome } from "../../schedule/daemon.ts";
import { LOCK_WAIT_HELP, LOCK_WAIT_OPTION, lockWaitMs, stringOption, type Command } from "../command.ts";
import { locations, runContext } from "../context.ts";
import { createLogger, EXIT, UsageError } from "../io.ts";
import { publicationProblem } from "../publication-check.ts";
import { parseLogFormat } from "./run.ts";

export const DEFAULT_CRON = "17 3 * * *";
export const DEFAULT_TIMEZONE = "Europe/Paris";

export const scheduleCommand: Command = {
  name: "schedule",
  summary: "the daemon: run every package on a cron schedule (node-cron)",
  help: `Usage: aap schedule [options]

Stays running and runs "aap run" on a schedule: the self-hosted alternative to the GitHub
Actions nightly workflow. Runs never overlap (a slot that fires during a run is skipped and
logged). The time of the last success is kept in the state folder: after downtime that missed
a slot, the daemon runs at once when it starts. Stop it with Ctrl-C or SIGTERM: a run under
way finishes first. It needs DATAGOUV_API_KEY (exit 2 without it): a run counts as a success
only when every package was published or checked unchanged on data.gouv.fr.

Options:
  --cron EXPR           when to run, cron syntax (default "${DEFAULT_CRON}": 03:17 every night;
                        also $AAP_CRON). Restrict the day of the month or of the week, not both.
  --timezone TZ         IANA time zone of the expression (default ${DEFAULT_TIMEZONE}; also $AAP_TIMEZONE)
  --no-catch-up         do not run at start after a missed slot
  --log-format FORMAT   human or json (default json when CI is set)
  --datapackages DIR, --output DIR, --state-dir DIR   as for aap run
${LOCK_WAIT_HELP}  -h, --help            show this help

Exit codes: 0 stopped cleanly, 2 bad usage.
`,
  options: {
    cron: { type: "string" },
    timezone: { type: "string" },
    "no-catch-up": { type: "boolean" },
    "log-format": { type: "string" },
    datapackages: { type: "string" },
    output: { type: "string" },
    "state-dir": { type: "string" },
    ...LOCK_WAIT_OPTION,
  },
  async run(args, io) {
    const cron = stringOption(args, "cron") ?? io.env.AAP_CRON ?? DEFAULT_CRON;
    const timezone = stringOption(args, "timezone") ?? io.env.AAP_TIMEZONE ?? DEFAULT_TIMEZONE;
    // Loaded on use: `aap --help` and the other commands start without the daemon and the pipeline.
    const [{ loadDeclarations, runPackages }, { checkCronExpression, runDaemon, ScheduleError }] = await Promise.all([import("../../orchestrate/run.ts"), import("../../schedule/daemon.ts")]);
    try {
      checkCronExpression(cron, timezone);
    } catch (error) {
      if (error instanceof ScheduleError) throw new UsageError(error.message);
      throw error;
    }
    const wait = lockWaitMs(args);
    const problem = await publicationProblem("schedule", io.env, false);
    if (problem) {
      io.stderr.write(`${problem}\n`);
      return EXIT.usage;
    }
    const logger = createLogger(io, parseLogFormat(stringOption(args, "log-format"), io));
    const where = locations(io, { datapackages: stringOption(args, "datapackages"), output: stringOption(args, "output"), stateDir: stringOption(args, "state-dir") });
    const controller = new AbortController();
    io.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    await runDaemon({
      cron,
      timezone,
      logger,
      signal: controller.signal,
      stateFile: join(where.stateDir, "schedule.json"),
      catchUp: !args.values["no-catch-up"],
      job: async () => {
        // Declarations are read at each run: a change lands without restarting the daemon.
        const declarations = await loadDeclarations(where.datapackagesDir, [], io.cwd);
        const result = await runPackages({ ...runContext(io, where, logger, { force: false, publish: "auto", lockWaitMs: wait }), datapackagesDir: where.datapackagesDir, packages: [] }, declarations);
        return jobOutcome(result);
      },
    });
    return EXIT.ok;
  },
};

/**
 * A cycle succeeds only when every package is on data.gouv.fr as built: published, or
 * unchanged and checked there. A plan (nothing sent) is never recorded as a success.
 */
export function jobOutcome(result: RunResult): JobOutcome {
  const published = result.packages.every((p) => p.status === "published" || (p.status === "unchanged" && p.remoteCheck !== undefined));
  return { ok: result.ok && published, summary: result.packages.map((p) => `${p.name} ${p.status}`).join(", ") || "no package" };
}
