import { EXIT } from "../../failures/exit.ts";
import { removeLeftovers } from "../../orchestrate/leftovers.ts";
import { publishBuilt } from "../../orchestrate/publish-built.ts";
import type { ParsedArgs } from "../command.ts";
import { locations, runContext } from "../context.ts";
import { commandDeclarations } from "../declarations.ts";
import { type CliIo, createLogger } from "../io.ts";
import { lockWaitMs, logFormatOption, stringOption } from "../options.ts";
import { checkPublication } from "../publication-check.ts";

/** `aap publish`: what `aap build` left in output/, validated again, then published. */
export async function publishPackages(args: ParsedArgs, io: CliIo): Promise<number> {
  const logger = createLogger(io, logFormatOption(args, io));
  const wait = lockWaitMs(args);
  checkPublication("publish", io.env, Boolean(args.values["dry-run"]));
  const where = locations(io, { datapackages: stringOption(args, "datapackages"), output: stringOption(args, "output"), stateDir: stringOption(args, "state-dir") });
  const declarations = await commandDeclarations(io, where, args.positionals);
  const context = runContext(io, where, logger, { force: false, publish: args.values["dry-run"] ? "dry-run" : "auto", lockWaitMs: wait });
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
  // Nothing built to publish is a mistake in the order of the commands, not a failed publication.
  if (outcomes.some((o) => o.status === "missing")) return EXIT.usage;
  return outcomes.every((o) => o.status === "published" || o.status === "planned") ? EXIT.ok : EXIT.failed;
}
