import { constants } from "node:os";
import { CodedError } from "../frictionless/index.ts";

export type StopRequestCode = "stopped";

/**
 * Why a command was asked to stop: the signal the process received. It is the abort reason of
 * the command's signal, so work cut short by it throws it, and it is told as a stop, not a bug.
 */
export class StopRequest extends CodedError<StopRequestCode> {
  constructor(readonly signal: NodeJS.Signals) {
    super({ code: "stopped", message: `stopped by ${signal}` });
    this.name = "StopRequest";
  }
}

/**
 * The exit status of a command that a signal stopped, as a shell reports a process the signal
 * ended: 128 + its number (130 for SIGINT, 143 for SIGTERM). SIGTERM when the reason is not a signal.
 */
export function stoppedExitCode(reason: unknown): number {
  const name = reason instanceof StopRequest ? reason.signal : "SIGTERM";
  return 128 + (constants.signals[name] ?? constants.signals.SIGTERM);
}
