import { describeFailure, formatFailure } from "../failures/describe.ts";
import { EXIT } from "../failures/exit.ts";
import { StopRequest } from "../failures/stop-request.ts";
import { UsageError } from "../failures/usage-error.ts";
import type { Command, parseCommandArgs } from "./command.ts";
import type { CliIo } from "./io.ts";

/** What main.ts made of the command line. */
export interface Invocation {
  /** The first argument, when there is one. */
  name: string | undefined;
  command: Command | undefined;
  parsed: ReturnType<typeof parseCommandArgs> | undefined;
  usage: string;
}

/**
 * Runs a command and maps every outcome to an exit status: the command's own, or, for anything
 * it throws, the status of the error's code in the catalogue, with its code, message and hint on
 * stderr. A bug is told in one line; AAP_DEBUG=1 adds its stack.
 */
export async function execute(call: Invocation, io: CliIo): Promise<number> {
  if (call.command === undefined || call.parsed === undefined) {
    if (call.name === undefined) {
      io.stderr.write(call.usage);
      return EXIT.usage;
    }
    const exit = report(new UsageError(`unknown command "${call.name}"`, 'run "aap --help" for the commands'), "aap", undefined, io);
    io.stderr.write(`\n${call.usage}`);
    return exit;
  }
  const command = call.command;
  const controller = new AbortController();
  // Once: a second signal ends the process at once (the default action) if the command is slow to stop.
  const stop = (signal: NodeJS.Signals) => controller.abort(new StopRequest(signal));
  if (!io.signal) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  try {
    if ("mistake" in call.parsed) throw new UsageError(call.parsed.mistake);
    return await command.run(call.parsed.args, { ...io, signal: io.signal ?? controller.signal });
  } catch (error) {
    return report(error, `aap ${command.name}`, command.name, io);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** Tell a failure on stderr, through the catalogue; its exit status. */
export function report(error: unknown, label: string, command: string | undefined, io: CliIo): number {
  const failure = describeFailure(error);
  io.stderr.write(`${label}: ${formatFailure(failure, { command, debug: Boolean(io.env.AAP_DEBUG) })}\n`);
  return failure.exit;
}
