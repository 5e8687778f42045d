import { LOCK_WAIT_HELP, LOCK_WAIT_OPTION, type Command } from "../command.ts";

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

With --once, it runs one cycle now and exits with its status, for an outside scheduler (a
system timer, a CI job): the same run, the same record of the last success in the state.

Options:
  --once                run one cycle now and exit with its status (no cron, no catch-up)
  --cron EXPR           when to run, cron syntax (default "${DEFAULT_CRON}": 03:17 every night;
                        also $AAP_CRON). Restrict the day of the month or of the week, not both.
  --timezone TZ         IANA time zone of the expression (default ${DEFAULT_TIMEZONE}; also $AAP_TIMEZONE)
  --no-catch-up         do not run at start after a missed slot
  --log-format FORMAT   human or json (default json when CI is set)
  --datapackages DIR, --output DIR, --state-dir DIR   as for aap run
${LOCK_WAIT_HELP}  -h, --help            show this help

Exit codes: 0 stopped cleanly (--once: every package published or checked unchanged),
1 (--once) a package failed, is invalid, or was only planned, 2 bad usage.
`,
  options: {
    once: { type: "boolean" },
    cron: { type: "string" },
    timezone: { type: "string" },
    "no-catch-up": { type: "boolean" },
    "log-format": { type: "string" },
    datapackages: { type: "string" },
    output: { type: "string" },
    "state-dir": { type: "string" },
    ...LOCK_WAIT_OPTION,
  },
  run: async (args, io) => (await import("./schedule-daemon.ts")).scheduleDaemon(args, io, { cron: DEFAULT_CRON, timezone: DEFAULT_TIMEZONE }),
};
