import { CodedError } from "../frictionless/index.ts";

export type SiteErrorCode = "site-error";

/** The site could not be written: the packages themselves are untouched, the previous site stays whole. */
export class SiteError extends CodedError<SiteErrorCode> {
  constructor(message: string, file: string, cause: unknown) {
    super({ code: "site-error", message, hint: "check that output/ is writable and that each package folder holds the files aap build wrote; then run aap build again", location: { file }, cause });
    this.name = "SiteError";
  }
}
