import type { ReadLimits } from "../../frictionless/index.ts";
import { UsageError } from "../../failures/usage-error.ts";
import type { ParsedArgs } from "../command.ts";
import { integerOption, stringOption } from "../options.ts";

/** Units of sizes given on the command line: decimal, as disks and downloads count them. */
const UNITS: Record<string, number> = { "": 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12 };

/** `20GB`, `500 MB`, `1.5G`, `123456` (bytes) → a whole number. */
export function parseSize(text: string, option: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(match?.[2] ?? "").toLowerCase()];
  if (match === null || unit === undefined) throw new UsageError(`--${option} takes a size such as 500MB, 20GB or a number of bytes, not "${text}"`);
  return Math.round(Number(match[1]) * unit);
}

function sizeOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  return value === undefined ? undefined : parseSize(value, name);
}

/** The limits given on the command line (the others keep their defaults). */
export function limitOptions(args: ParsedArgs): Partial<ReadLimits> {
  const given: [keyof ReadLimits, string, number | undefined][] = [
    ["maxFileBytes", "max-file-size", sizeOption(args, "max-file-size")],
    ["maxInflatedBytes", "max-inflated-size", sizeOption(args, "max-inflated-size")],
    ["maxColumns", "max-columns", integerOption(args, "max-columns")],
    ["maxCellChars", "max-cell-size", sizeOption(args, "max-cell-size")],
  ];
  const limits: Partial<ReadLimits> = {};
  for (const [key, option, value] of given) {
    if (value === undefined) continue;
    if (value === 0) throw new UsageError(`--${option} must be more than 0`);
    limits[key] = value;
  }
  return limits;
}
