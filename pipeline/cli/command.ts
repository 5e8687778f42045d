import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliIo } from "./io.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * A command as `aap --help` and its own `--help` describe it. Its code is loaded by `run`
 * when it runs (a dynamic import), so that the help, and every other command, start without it.
 */
export interface Command {
  name: string;
  /** One line for `aap --help`. */
  summary: string;
  /** The full `--help` text; a function when it quotes values of code loaded on use. */
  help: string | (() => Promise<string>);
  options: Options;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/**
 * Parse a command's arguments strictly: an unknown option is a usage mistake, never ignored.
 * The mistake is returned, not thrown: the error model is loaded only once a command runs.
 */
export function parseCommandArgs(command: Command, argv: string[]): { args: ParsedArgs } | { mistake: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { args: { values: values as ParsedArgs["values"], positionals } };
  } catch (error) {
    // node:util's parseArgs throws a TypeError whose message is meant for people.
    return { mistake: String(error instanceof Error ? error.message : error).replace(/\. To specify a positional argument.*$/s, ".") };
  }
}

export async function helpText(command: Command): Promise<string> {
  return typeof command.help === "string" ? command.help : await command.help();
}

/** How long to wait for another run of the same package to finish (`--lock-wait SECONDS`, default 10 minutes). */
export const LOCK_WAIT_OPTION = { "lock-wait": { type: "string" } } as const;
export const LOCK_WAIT_HELP = "  --lock-wait SECONDS   wait this long for another run of the same package to finish (default 600)\n";
