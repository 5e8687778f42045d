import { runCommand as execute, helpText, type Command } from "./command.ts";
import { buildCommand, runCommand } from "./commands/run.ts";
import { publishCommand } from "./commands/publish.ts";
import { scheduleCommand } from "./commands/schedule.ts";
import { validateCommand } from "./commands/validate.ts";
import { pipelineVersion } from "./context.ts";
import { type CliIo, EXIT, StopRequest } from "./io.ts";

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
    io.stdout.write(topic ? await helpText(topic) : usage());
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
  // Once: a second signal ends the process at once (the default action) if the command is slow to stop.
  const stop = (signal: NodeJS.Signals) => controller.abort(new StopRequest(signal));
  if (!io.signal) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  try {
    return await execute(command, rest, { ...io, signal: io.signal ?? controller.signal });
  } catch (error) {
    // A bug, not a user's mistake: one line that says so, the stack only when asked for.
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    io.stderr.write(`aap ${command.name}: internal error: ${message}\nThis is a bug in aap: please report it with the command you ran${io.env.AAP_DEBUG ? "" : " (AAP_DEBUG=1 prints the details)"}.\n`);
    if (io.env.AAP_DEBUG && error instanceof Error) io.stderr.write(`${error.stack ?? ""}\n`);
    return EXIT.failed;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
