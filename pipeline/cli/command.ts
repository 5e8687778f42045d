import { parseArgs, type ParseArgsConfig } from "node:util";
import { type CliIo, EXIT, UsageError } from "./io.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `aap --help`. */
  summary: string;
  /** The full `--help` text; a function when it quotes values of code loaded on use. */
  help: string | (() => Promise<string>);
  options: Options;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Parse a command's arguments strictly: an unknown option is a usage error, never ignored. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
  }
}

export async function runCommand(command: Command, argv: string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseCommandArgs(command, argv);
  } catch (error) {
    io.stderr.write(`aap ${command.name}: ${(error as Error).message}\nRun "aap ${command.name} --help" for usage.\n`);
    return EXIT.usage;
  }
  if (args.values.help) {
    io.stdout.write(await helpText(command));
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`aap ${command.name}: ${error.message}\nRun "aap ${command.name} --help" for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

export async function helpText(command: Command): Promise<string> {
  return typeof command.help === "string" ? command.help : await command.help();
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function integerOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const value = stringOption(args, name);
  return value === undefined ? undefined : value.split(",").map((item) => item.trim()).filter(Boolean);
}

/** How long to wait for another run of the same package to finish (`--lock-wait SECONDS`, default 10 minutes). */
export const LOCK_WAIT_OPTION = { "lock-wait": { type: "string" } } as const;
export const LOCK_WAIT_HELP = "  --lock-wait SECONDS   wait this long for another run of the same package to finish (default 600)\n";

export function lockWaitMs(args: ParsedArgs): number {
  return (integerOption(args, "lock-wait") ?? 600) * 1000;
}
