import { LOCK_WAIT_HELP, LOCK_WAIT_OPTION, lockWaitMs, stringOption, type Command } from "../command.ts";
import { declarationsOrExit, locations, runContext } from "../context.ts";
import { createLogger, EXIT } from "../io.ts";
import { publicationProblem } from "../publication-check.ts";
import { parseLogFormat } from "./run.ts";

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
  async run(args, io) {
    const logger = createLogger(io, parseLogFormat(stringOption(args, "log-format"), io));
    const wait = lockWaitMs(args);
    const problem = await publicationProblem("publish", io.env, Boolean(args.values["dry-run"]));
    if (problem) {
      io.stderr.write(`${problem}\n`);
      return EXIT.usage;
    }
    const where = locations(io, { datapackages: stringOption(args, "datapackages"), output: stringOption(args, "output"), stateDir: stringOption(args, "state-dir") });
    const declarations = await declarationsOrExit(io, where, args.positionals, "publish");
    if (typeof declarations === "number") return declarations;
    const context = runContext(io, where, logger, { force: false, publish: args.values["dry-run"] ? "dry-run" : "auto", lockWaitMs: wait });
    // Loaded on use: `aap --help` and the other commands start without the publication's code.
    const [{ publishBuilt }, { removeLeftovers }] = await Promise.all([import("../../orchestrate/publish-built.ts"), import("../../orchestrate/leftovers.ts")]);
    await removeLeftovers([where.stateDir], logger);
    const outcomes = [];
    for (const declaration of declarations) outcomes.push(await publishBuilt(declaration, { ...context, dryRun: Boolean(args.values["dry-run"]) }));
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
    } else {
      for (const outcome of outcomes) {
        if ("planText" in outcome) io.stdout.write(`${outcome.name}: ${outcome.status}\n${outcome.planText}\n`);
        else io.stdout.write(`${outcome.name}: ${outcome.status}: ${outcome.message}\n${"errors" in outcome ? outcome.errors.map((e) => `  ${e}\n`).join("") : ""}`);
      }
    }
    if (outcomes.some((o) => o.status === "missing")) return EXIT.usage;
    return outcomes.every((o) => o.status === "published" || o.status === "planned") ? EXIT.ok : EXIT.failed;
  },
};
