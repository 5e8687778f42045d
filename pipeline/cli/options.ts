import { UsageError } from "../failures/usage-error.ts";
import type { ParsedArgs } from "./command.ts";
import { type CliIo, defaultLogFormat, type LogFormat } from "./io.ts";

/** Option values, read once a command runs: a bad one is a UsageError. */

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

/** `--lock-wait SECONDS`, in milliseconds (default 10 minutes). */
export function lockWaitMs(args: ParsedArgs): number {
  return (integerOption(args, "lock-wait") ?? 600) * 1000;
}

export function logFormatOption(args: ParsedArgs, io: CliIo): LogFormat {
  const value = stringOption(args, "log-format");
  if (value === undefined) return defaultLogFormat(io.env);
  if (value !== "human" && value !== "json") throw new UsageError(`--log-format takes "human" or "json", not "${value}"`);
  return value;
}

/** `--annotations github`: the one place problems can be annotated today. */
export function annotationsOption(args: ParsedArgs): "github" | undefined {
  const value = stringOption(args, "annotations");
  if (value === undefined || value === "github") return value;
  throw new UsageError(`--annotations takes "github", not "${value}"`);
}
