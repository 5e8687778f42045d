import { CodedError } from "../frictionless/index.ts";

export type UsageErrorCode = "usage-error";

/** A mistake in how a command was called: an unknown command or option, an option's bad value. */
export class UsageError extends CodedError<UsageErrorCode> {
  constructor(message: string, hint?: string) {
    super({ code: "usage-error", message, hint });
    this.name = "UsageError";
  }
}
