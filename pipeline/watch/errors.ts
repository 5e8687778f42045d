import { CodedError } from "../frictionless/index.ts";

/**
 * What can stop an alert or the freshness check: the CLI maps each code to its exit status
 * and hint (failures/catalogue.ts). Tokens and webhook addresses never appear in a message.
 */
export type WatchErrorCode =
  | "alert-config" // GITHUB_TOKEN or GITHUB_REPOSITORY missing or unusable, a bad webhook address
  | "github-api" // GitHub refused or failed a call of the alert cycle
  | "webhook-failed"; // the chat webhook did not take the message

export class WatchError extends CodedError<WatchErrorCode> {
  constructor(init: { code: WatchErrorCode; message: string; hint?: string; file?: string }) {
    super({ code: init.code, message: init.message, hint: init.hint, location: init.file ? { file: init.file } : {} });
    this.name = "WatchError";
  }
}
