import { LOCK_WAIT_HELP, LOCK_WAIT_OPTION, type Command } from "../command.ts";

const COMMON_OPTIONS = {
  force: { type: "boolean" },
  json: { type: "boolean" },
  "log-format": { type: "string" },
  verbose: { type: "boolean", short: "v" },
  datapackages: { type: "string" },
  output: { type: "string" },
  "state-dir": { type: "string" },
  annotations: { type: "string" },
  ...LOCK_WAIT_OPTION,
} as const;

const COMMON_HELP = `  --force               ignore change detection: read every source in full and rebuild
  --json                print the run result as JSON on stdout
  --log-format FORMAT   human (default on a terminal) or json (JSON lines; the default when CI is set)
  -v, --verbose         more detail in the logs
  --datapackages DIR    where the declarations are (default: datapackages)
  --output DIR          where packages are written (default: output)
  --state-dir DIR       where the state between runs is kept (default: $AAP_STATE_DIR or .aap)
  --annotations github  also print each problem as a GitHub annotation on the source file and
                        line the team edits, and append a summary to $GITHUB_STEP_SUMMARY
${LOCK_WAIT_HELP}  -h, --help            show this help
`;

export const runCommand: Command = {
  name: "run",
  summary: "extract, transform, validate, package and publish every package (or those named)",
  help: `Usage: aap run [package...] [options]

Runs every stage for each package declared under datapackages/ (all of them by default):
extract → transform → validate → package (output/<package>/) → publish (data.gouv.fr).

With DATAGOUV_API_KEY the dataset is made to match the package; a package with no change
is not rebuilt, but its dataset is still read (GET requests only) and any drift on the
server (a resource deleted or retitled, the dataset emptied or deleted) is repaired.
Without DATAGOUV_API_KEY and DATAGOUV_URL (a fresh clone), or with --dry-run, the plan is
printed and nothing is sent. DATAGOUV_URL set without DATAGOUV_API_KEY is an error (exit 2):
a night meant to publish must not pass for a success. Invalid data stops its package:
nothing is written to output/<package>/ and nothing is published. One run at a time per
package and state folder: a second one waits for the first (see --lock-wait).

Options:
  --dry-run             with a key, read data.gouv.fr and print the plan without applying it
${COMMON_HELP}
Environment: DATAGOUV_API_KEY, DATAGOUV_URL (default https://www.data.gouv.fr; demo, dev or any
base URL), DATAGOUV_ORGANIZATION, AAP_STATE_DIR, AAP_RUN_URL, and the tokens named in declarations.

Exit codes: 0 success, 1 invalid data or a failed publication, 2 bad usage or unreadable input.
`,
  options: { ...COMMON_OPTIONS, "dry-run": { type: "boolean" } },
  run: async (args, io) => (await import("./run-packages.ts")).runOrBuild(args, io, args.values["dry-run"] ? "dry-run" : "auto"),
};

export const buildCommand: Command = {
  name: "build",
  summary: "everything up to output/<package>/, without publishing",
  help: `Usage: aap build [package...] [options]

Extracts, transforms, validates and writes output/<package>/ (datapackage.json, CSV files,
documentation.md, validation-report.json) for each package, without publishing.

Options:
${COMMON_HELP}
Exit codes: 0 success, 1 invalid data, 2 bad usage or unreadable input.
`,
  options: COMMON_OPTIONS,
  run: async (args, io) => (await import("./run-packages.ts")).runOrBuild(args, io, "never"),
};
