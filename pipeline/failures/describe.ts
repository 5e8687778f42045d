import { describeThrown, type CodedErrorLocation } from "../frictionless/index.ts";
import { catalogueEntry, ERROR_CATALOGUE, isErrorCode, type ErrorCode } from "./catalogue.ts";
import { EXIT } from "./exit.ts";
import { stoppedExitCode } from "./stop-request.ts";

/** A failure as the person who ran the command is told it. */
export interface FailureDescription {
  /** The error's code; `internal-error` for anything that is not one of ours: a bug. */
  code: ErrorCode;
  message: string;
  /** What to do: the error's own hint, or its code's in the catalogue. */
  hint: string;
  location: CodedErrorLocation;
  /** The exit status of the command it stops. */
  exit: number;
  /** For a bug, shown with AAP_DEBUG=1 only. */
  stack: string | undefined;
}

/** Any thrown value, read through the catalogue: one code, message, hint and exit status for every family. */
export function describeFailure(thrown: unknown): FailureDescription {
  const { code, message, hint, location, stack } = describeThrown(thrown);
  if (code === undefined || !isErrorCode(code)) {
    // Not one of ours, or a code no family declares: a bug either way, told in one line.
    const first = message.split("\n")[0] ?? "";
    return { code: "internal-error", message: code === undefined ? first : `${code}: ${first}`, hint: ERROR_CATALOGUE.bug["internal-error"].hint, location: {}, exit: EXIT.failed, stack };
  }
  const entry = catalogueEntry(code);
  return { code, message, hint: hint ?? entry.hint, location, exit: entry.exit === "signal" ? stoppedExitCode(thrown) : entry.exit, stack: undefined };
}

/**
 * The text of a failure: `code: message`, then what to do; a bug's stack only when asked for
 * (AAP_DEBUG=1). `command` names the command in hints that tell how to call it.
 */
export function formatFailure(failure: FailureDescription, options: { command?: string; debug?: boolean } = {}): string {
  const hint = failure.hint.replaceAll("{command}", options.command ?? "<command>");
  const stack = options.debug && failure.stack ? `\n${failure.stack}` : "";
  return `${failure.code}: ${failure.message}\n  hint: ${hint}${stack}`;
}
