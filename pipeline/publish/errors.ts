import { CodedError } from "../frictionless/index.ts";

/** A problem with what we were asked to publish, found before any call to data.gouv.fr. */
export type PublishErrorCode =
  | "invalid-package" // the package failed validation
  | "unknown-license"
  | "unknown-frequency"
  | "invalid-tag"
  | "duplicate-key" // two resources with the same key
  | "local-file" // a file to upload is missing or unreadable
  | "inconsistent-plan" // a planned resource vanished between the read and the write
  | "upload-mismatch" // the server stored other bytes than the local file
  | "duplicate-dataset"; // several datasets carry the package's marker

/** The message names the package and where in it: a field ("license", "tags[2]") or a resource. */
export class PublishError extends CodedError<PublishErrorCode> {
  /** Data package name. */
  readonly package: string;

  constructor(init: { code: PublishErrorCode; package: string; message: string; hint?: string; cause?: unknown }) {
    super({ code: init.code, message: init.message, hint: init.hint, location: { package: init.package }, cause: init.cause });
    this.name = "PublishError";
    this.package = init.package;
  }
}
