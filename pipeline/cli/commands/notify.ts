import type { Command } from "../command.ts";

export const notifyCommand: Command = {
  name: "notify",
  summary: "alert the data team: open, comment on or close the publication-nocturne issue from a run report",
  help: `Usage: aap notify --report output/run-report.json [--report …] [--run-url URL]

Tells the data team how the night went, from the run report(s) that aap run wrote. A failed run
opens an issue labelled "publication-nocturne" in the repository, or comments on the one already
open: the run's link, each failing package, its stage, its first errors and what to do (in
French). A successful run closes the open issue with a comment; when none is open, it does
nothing. A report that does not exist counts as a failed run (one that stopped before writing it).
Several --report (one per package job) make one alert.

With AAP_ALERT_WEBHOOK_URL, the same message goes to that chat webhook (Mattermost, Slack or
compatible: a POST of {"text": …}).

Options:
  --report FILE         a run report (run-report.json); repeat it for several
  --run-url URL         the run's address (default: $AAP_RUN_URL, or the Actions run)
  -h, --help            show this help

Environment: GITHUB_TOKEN (needs issues: write), GITHUB_REPOSITORY (owner/name), GITHUB_API_URL
(default https://api.github.com), AAP_ALERT_WEBHOOK_URL (optional). The token and the webhook
address are never printed.

Exit codes: 0 the team was told (or nothing to tell), 1 GitHub or the webhook refused the alert,
2 bad usage, a missing GITHUB_TOKEN or GITHUB_REPOSITORY, or a file that is not a run report.
`,
  options: { report: { type: "string", multiple: true }, "run-url": { type: "string" } },
  run: async (args, io) => (await import("./notify-run.ts")).notify(args, io),
};
