/**
 * What an alert needs of a run (orchestrate/summarize-runs.ts makes it from the run reports):
 * whether it succeeded, and for each package its status, the stage that stopped it and its
 * first errors.
 */
export interface PackageSummary {
  name: string;
  /** `published`, `unchanged`, `invalid`, `failed`… as the run report says. */
  status: string;
  /** The stage that stopped a failed or invalid package. */
  failingStage?: string;
  /** The first errors, as the run wrote them (file, row, field, rule; or the failure and its hint). */
  errors: string[];
  errorCount: number;
  datasetPage?: string;
}

export interface RunSummary {
  ok: boolean;
  startedAt?: string;
  packages: PackageSummary[];
  /** Reports that were not there: a run that stopped before writing one (bad configuration, a crash). */
  missingReports: string[];
}
