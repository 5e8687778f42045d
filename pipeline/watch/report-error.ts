import { CodedError } from "../frictionless/index.ts";

export type ReportErrorCode = "run-report-unreadable";

/**
 * A run report that cannot be read: a job of the fan-out wrote something else or nothing whole
 * (aap merge-reports), or aap notify was given another file.
 */
export class ReportError extends CodedError<ReportErrorCode> {
  constructor(file: string, reason: string) {
    super({ code: "run-report-unreadable", message: `${file}: ${reason}`, location: { source: file }, hint: "pass the output/run-report.json that aap run wrote; in the nightly, check the job that wrote it (its artifact holds the whole output folder)" });
    this.name = "ReportError";
  }
}
