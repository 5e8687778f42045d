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

export class PublishError extends Error {
  readonly code: PublishErrorCode;
  /** Data package name. */
  readonly package: string;
  /** Where in the package: a field ("license", "tags[2]") or a resource key ("appels.csv"). */
  readonly location: string | undefined;

  constructor(init: { code: PublishErrorCode; package: string; location?: string; message: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "PublishError";
    this.code = init.code;
    this.package = init.package;
    this.location = init.location;
  }
}
