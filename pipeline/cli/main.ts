import { runCommand as execute, type Command } from "./command.ts";
import { buildCommand, runCommand } from "./commands/run.ts";
import { publishCommand } from "./commands/publish.ts";
import { scheduleCommand } from "./commands/schedule.ts";
import { validateCommand } from "./commands/validate.ts";
import { pipelineVersion } from "./context.ts";
import { type CliIo, EXIT } from "./io.ts";

const COMMANDS: Command[] = [runCommand, buildCommand, validateCommand, publishCommand, scheduleCommand];

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

/** The CLI: parse, dispatch, map every outcome to an exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(usage());
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? topic.help : usage());
    return EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${pipelineVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`aap: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (!io.signal) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  try {
    return await execute(command, rest, { ...io, signal: io.signal ?? controller.signal });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
