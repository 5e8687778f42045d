import { resolve } from "node:path";
import { dropEarlyThreads, startThreadsEarly } from "../frictionless/early.ts";
import { parseCommandArgs } from "./command.ts";
import { validateCommand } from "./commands/validate.ts";

/**
 * Starts the worker threads of `aap validate <table> --schema <schema>` for a big local CSV or
 * TSV file, before the program is loaded (aap.js imports this first, from its own small build
 * entry): they boot on the other cores meanwhile, and the table's plan takes them. Anything
 * else starts none; a mistake in the arguments is left for the command to tell. Whether
 * threads were started.
 */
export function startEarlyThreads(argv: string[], cwd: string): boolean {
  const [name, ...rest] = argv;
  if (name !== validateCommand.name) return false;
  const parsed = parseCommandArgs(validateCommand, rest);
  if (!("args" in parsed)) return false;
  const { positionals, values } = parsed.args;
  const target = positionals[0];
  // As validateTarget reads them: one local table, its schema, a row limit (which reads it on one thread).
  if (positionals.length !== 1 || target === undefined || values.help || typeof values.schema !== "string" || /^https?:\/\//.test(target)) return false;
  if (values["limit-rows"] !== undefined) return false;
  const format = typeof values["source-format"] === "string" ? values["source-format"] : undefined;
  return startThreadsEarly(resolve(cwd, target), format, {}) !== undefined;
}

/** Stops the threads started early, unused (the build turned out stale: the program is built again). */
export function dropEarlyValidationThreads(): Promise<void> {
  return dropEarlyThreads();
}
