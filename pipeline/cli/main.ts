import { helpText, parseCommandArgs, type Command } from "./command.ts";
import { buildCommand, runCommand } from "./commands/run.ts";
import { listCommand } from "./commands/list.ts";
import { notifyCommand } from "./commands/notify.ts";
import { freshnessCommand } from "./commands/freshness.ts";
import { mergeReportsCommand } from "./commands/merge-reports.ts";
import { publishCommand } from "./commands/publish.ts";
import { scheduleCommand } from "./commands/schedule.ts";
import { schemaVersionsCommand } from "./commands/schema-versions.ts";
import { validateCommand } from "./commands/validate.ts";
import { pipelineVersion } from "./context.ts";
import type { CliIo } from "./io.ts";
import { EXIT } from "../failures/exit.ts";

const COMMANDS: Command[] = [runCommand, buildCommand, validateCommand, publishCommand, scheduleCommand, listCommand, notifyCommand, freshnessCommand, mergeReportsCommand, schemaVersionsCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: aap <command> [options]

aap-opendata publishes the State's calls for projects and their lauréats as open data:
extract → transform → validate → package → publish to data.gouv.fr.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "aap <command> --help" for the options of a command.
Exit codes: 0 success, 1 invalid data or a failed publication, 2 bad usage or unreadable input.
`;
}

/**
 * The CLI. Help and version are answered here, with nothing else loaded; running a command, or
 * telling why it cannot run, loads the command's code and the error model (execute.ts).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? await helpText(topic) : usage());
    return EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${pipelineVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const parsed = command === undefined ? undefined : parseCommandArgs(command, rest);
  if (command !== undefined && parsed !== undefined && "args" in parsed && parsed.args.values.help) {
    io.stdout.write(await helpText(command));
    return EXIT.ok;
  }
  const { execute } = await import("./execute.ts");
  return execute({ name, command, parsed, usage: usage() }, io);
}
