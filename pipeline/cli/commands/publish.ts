import { LOCK_WAIT_HELP, LOCK_WAIT_OPTION, type Command } from "../command.ts";

export const publishCommand: Command = {
  name: "publish",
  summary: "publish what aap build wrote in output/ to data.gouv.fr",
  help: `Usage: aap publish [package...] [options]

Publishes output/<package>/ (built by "aap build") to data.gouv.fr: the folder is validated
again, then the dataset and its resources are made to match it. Only what changed is sent;
resource ids and URLs stay stable. With --dry-run the plan is printed and nothing is sent;
without DATAGOUV_API_KEY (and without --dry-run) nothing is done and the exit code is 2.

Options:
  --dry-run             print the plan (create / update metadata / replace / unchanged / delete)
  --json                print the plans and actions as JSON on stdout
  --log-format FORMAT   human or json (default json when CI is set)
  --datapackages DIR    where the declarations are (default: datapackages)
  --output DIR          where the built packages are (default: output)
  --state-dir DIR       publication state folder (default: $AAP_STATE_DIR or .aap)
${LOCK_WAIT_HELP}  -h, --help            show this help

Environment: DATAGOUV_API_KEY, DATAGOUV_URL, DATAGOUV_ORGANIZATION.
Exit codes: 0 success, 1 invalid package or failed publication, 2 bad usage or nothing built.
`,
  options: {
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    "log-format": { type: "string" },
    datapackages: { type: "string" },
    output: { type: "string" },
    "state-dir": { type: "string" },
    ...LOCK_WAIT_OPTION,
  },
  run: async (args, io) => (await import("./publish-packages.ts")).publishPackages(args, io),
};
