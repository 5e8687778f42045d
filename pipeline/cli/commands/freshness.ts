import type { Command } from "../command.ts";

export const freshnessCommand: Command = {
  name: "freshness",
  summary: "the watchdog: is each published dataset as recent as its declared frequency promises?",
  help: `Usage: aap freshness [--json] [--notify] [options]

For each package, reads its dataset on data.gouv.fr (found as aap run finds it: the id in the
publication state, else our marker) and the last run that published it or checked it unchanged
(in the state folder). The later of the dataset's last modification and that run is its age. A
package is stale when its age passes what its declared frequency (datagouv.frequency) allows:
the period, plus a tenth of it, plus 12 hours (daily: 38.4 hours). Frequencies without a rhythm
(punctual, irregular, unknown…) are not checked; a package without a dataset is stale.

Options:
  --json                print the result as JSON on stdout
  --notify              on a stale package, alert as aap notify does (the publication-nocturne
                        issue, and AAP_ALERT_WEBHOOK_URL); needs GITHUB_TOKEN and GITHUB_REPOSITORY
  --datapackages DIR    where the declarations are (default: datapackages)
  --state-dir DIR       the state folder (default: $AAP_STATE_DIR or .aap)
  -h, --help            show this help

Environment: DATAGOUV_URL, DATAGOUV_ORGANIZATION (DATAGOUV_API_KEY is not needed for public datasets).

Exit codes: 0 every checked package is fresh, 1 a package is stale or has no dataset, 2 bad usage.
`,
  options: { json: { type: "boolean" }, notify: { type: "boolean" }, datapackages: { type: "string" }, "state-dir": { type: "string" } },
  run: async (args, io) => (await import("./freshness-check.ts")).freshness(args, io),
};
