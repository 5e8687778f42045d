import type { DescriptorErrorCode, TableReadErrorCode } from "../frictionless/index.ts";
import type { DeclarationErrorCode } from "../declaration/errors.ts";
import type { ExtractErrorCode } from "../extract/types.ts";
import type { HttpErrorCode } from "../http/errors.ts";
import type { DatagouvErrorCode } from "../publish/datagouv/errors.ts";
import type { PublishErrorCode } from "../publish/errors.ts";
import type { ReleaseErrorCode } from "../release/git-schemas.ts";
import type { ScheduleErrorCode } from "../schedule/daemon.ts";
import type { SiteErrorCode } from "../site/errors.ts";
import type { LockErrorCode } from "../state/lock.ts";
import type { StateErrorCode } from "../state/store.ts";
import type { CheckParamsErrorCode } from "../validate/checks/params.ts";
import type { WatchErrorCode } from "../watch/errors.ts";
import { EXIT, type ExitStatus } from "./exit.ts";
import type { ReportErrorCode } from "../watch/report-error.ts";
import type { StopRequestCode } from "./stop-request.ts";
import type { UsageErrorCode } from "./usage-error.ts";

/**
 * Every code a thrown error can carry, by family: the classes that extend CodedError, and
 * `internal-error` for anything else (a bug). A family added here must get its entries below:
 * the catalogue's type makes it exhaustive.
 */
export interface ErrorFamilies {
  table: TableReadErrorCode;
  descriptor: DescriptorErrorCode;
  http: HttpErrorCode;
  extract: ExtractErrorCode;
  check: CheckParamsErrorCode;
  datagouv: DatagouvErrorCode;
  publish: PublishErrorCode;
  declaration: DeclarationErrorCode;
  state: StateErrorCode;
  lock: LockErrorCode;
  schedule: ScheduleErrorCode;
  site: SiteErrorCode;
  watch: WatchErrorCode;
  report: ReportErrorCode;
  release: ReleaseErrorCode;
  usage: UsageErrorCode;
  stop: StopRequestCode;
  bug: "internal-error";
}

export type ErrorFamily = keyof ErrorFamilies;
export type ErrorCode = ErrorFamilies[ErrorFamily];

export interface CatalogueEntry {
  /** The exit status of a command this error stops; `signal`: 128 + the signal's number. */
  exit: ExitStatus | "signal";
  /** What the code means, in a few words. */
  title: string;
  /** What to do, when the error does not say better itself. `{command}` is the command that was run. */
  hint: string;
}

type Catalogue = { readonly [F in ErrorFamily]: { readonly [C in ErrorFamilies[F]]: CatalogueEntry } };

const failed = (title: string, hint: string): CatalogueEntry => ({ exit: EXIT.failed, title, hint });
const usage = (title: string, hint: string): CatalogueEntry => ({ exit: EXIT.usage, title, hint });

const FIX_DESCRIPTOR = "fix the descriptor where the message points (its file and JSON path)";
const A_BUG = "this is a bug in aap: please report it with the command you ran (AAP_DEBUG=1 prints the details)";

/**
 * The one table from an error's code to the exit status of the command it stops and what to
 * tell the person: the CLI, the run's failure lines and the run report all read it. Within
 * `aap run` and `aap publish`, a package that fails makes the command exit 1 whatever the code
 * (the other packages go on): a code's own status applies when it stops the command itself.
 * The README lists every code (a test keeps it equal); docs/decisions.md §9 says why one table.
 */
export const ERROR_CATALOGUE: Catalogue = {
  table: {
    "scheme-error": usage("the table cannot be reached (no such file, a URL that does not answer)", "check the path or URL of the table"),
    "format-error": usage("the table is not in the format it is read as", "declare its format and dialect (on the resource, or --source-format, --delimiter, --sheet)"),
    "compression-error": usage("a .gz or .zip table cannot be decompressed", "check the archive, or remove the compression suffix from its name"),
    "encoding-error": failed("a byte of the table does not decode in its encoding", "declare the file's encoding (the message names the likely one)"),
    "source-error": failed("the table stops being readable partway (a quote that never closes, a limit passed)", "fix the file where the message says, or raise the limit it names"),
  },
  descriptor: {
    "metadata-error": usage("a descriptor cannot be used", FIX_DESCRIPTOR),
    "package-error": usage("a data package descriptor (datapackage.json) cannot be used", FIX_DESCRIPTOR),
    "resource-error": usage("a resource of a data package cannot be used", FIX_DESCRIPTOR),
    "schema-error": usage("a Table Schema cannot be used", FIX_DESCRIPTOR),
    "field-error": usage("a field of a Table Schema cannot be used (its type, format or constraints)", FIX_DESCRIPTOR),
    "dialect-error": usage("a CSV dialect cannot be used", FIX_DESCRIPTOR),
  },
  http: {
    "http-status": failed("a server answered with an error status, still after the retries", "check the URL; if the server is at fault, run again later"),
    "http-timeout": failed("a server did not answer in time, still after the retries", "run again later"),
    "http-network": failed("a server could not be reached (connection refused or reset, DNS)", "check the network (proxy, DNS) and the URL"),
    "http-too-large": failed("an answer is larger than the limit set for it", "raise the limit the message names if this size is expected"),
    "http-invalid-body": failed("an answer is not in the expected format (an HTML page instead of JSON)", "open the URL to see what it returns"),
  },
  extract: {
    "missing-secret": failed("a token variable named by a source (tokenEnv) is not set", "set that variable in the environment (a CI secret)"),
    "invalid-options": failed("a source cannot be used as declared", "fix the source in datapackage.yaml as the message says"),
    "unknown-connector": failed("a source names a connector aap does not have", "use one of the connectors of the README's Sources section"),
    unauthorized: failed("a source refused the request without valid credentials (401)", "check the token in the variable named by tokenEnv"),
    forbidden: failed("a source's token lacks access (403)", "give the token read access to this source"),
    "not-found": failed("a source's file or URL does not exist", "check the path or URL in the declaration (paths are relative to datapackage.yaml)"),
    "rate-limited": failed("a source limits requests and still refused after the retries (429)", "run again later, or less often"),
    unavailable: failed("a source failed on its side or could not be reached, still after the retries", "run again later"),
    timeout: failed("a source did not answer in time, still after the retries", "run again later, or raise timeoutMs in the source"),
    "too-large": failed("a source's file or answer is over maxBytes", "raise maxBytes in the source if this size is expected"),
    rejected: failed("a source refused the request (a 4xx status)", "check the URL, headers and options of the source"),
    malformed: failed("a source gave something that cannot be read as declared (invalid JSON, an HTML page, a broken table)", "check the source's format, encoding and dialect in the declaration"),
    "graphql-error": failed("a GraphQL API answered with errors", "the message quotes the API: check the démarche number and the token's access"),
    io: failed("a local source file cannot be read", "check that the user running aap may read it"),
    "enrichment-cache": failed("the cache of SIREN look-ups cannot be read", "delete the file: the next run fetches the organisations again"),
    "enrichment-failed": failed("the company directory (Recherche d'entreprises) could not be read", "run again later: answers already fetched are cached"),
    "enrichment-invalid-answer": failed("the company directory answered something that cannot be read", "run again later; if it lasts, its API may have changed"),
    "records-read-twice": failed("a source's records were read twice", A_BUG),
    "records-not-read": failed("a source's state was asked for before its records were read", A_BUG),
  },
  check: {
    "check-error": failed("a custom check of a Table Schema is declared with parameters it cannot use", 'fix its "params" in the schema\'s "custom_checks"'),
  },
  datagouv: {
    "datagouv-invalid": failed("data.gouv.fr refused the metadata sent (400)", "fix the fields it names in the package declaration"),
    "datagouv-unauthorized": failed("data.gouv.fr refused the API key (401)", "check DATAGOUV_API_KEY for the instance of DATAGOUV_URL (keys of www and demo differ)"),
    "datagouv-forbidden": failed("the API key's account may not modify the dataset (403)", "make the account an admin or editor of the owning organization (DATAGOUV_ORGANIZATION)"),
    "datagouv-not-found": failed("an object is not on data.gouv.fr, or is private to another account (404)", "check DATAGOUV_URL and DATAGOUV_ORGANIZATION"),
    "datagouv-gone": failed("the dataset was deleted on data.gouv.fr (410)", "run again: a run that finds the dataset missing creates it again"),
    "datagouv-too-large": failed("data.gouv.fr refused a file as too large (413)", "lower the chunk threshold, or publish the file as a remote resource"),
    "datagouv-unsupported-media": failed("data.gouv.fr refused a file's content type (415)", "check the file is not HTML"),
    "datagouv-read-only": failed("data.gouv.fr is in read-only mode (423)", "run again once it is lifted"),
    "datagouv-rate-limited": failed("data.gouv.fr limits requests and still refused after the retries (429)", "run again later"),
    "datagouv-server": failed("data.gouv.fr failed on its side (5xx)", "run again: the next run checks what was done and continues"),
    "datagouv-bad-gateway-html": failed("an answer that is not JSON, most likely a proxy's error page in front of data.gouv.fr", "run again later"),
    "datagouv-timeout": failed("data.gouv.fr did not answer in time; a write may have happened", "run again: the next run checks what was done and continues"),
    "datagouv-network": failed("data.gouv.fr could not be reached", "check the network and DATAGOUV_URL"),
    "datagouv-unexpected-status": failed("data.gouv.fr answered a status aap does not expect", "run again; if it lasts, report it with the answer quoted in the message"),
    "datagouv-config": usage("DATAGOUV_URL or DATAGOUV_API_KEY cannot be used, or the key is missing for a publication", "set DATAGOUV_API_KEY, and DATAGOUV_URL to demo, dev, www or a base URL; or add --dry-run for the plan alone"),
    "datagouv-local-file": failed("a file changed while it was being uploaded", "run again, with nothing else writing to output/ meanwhile"),
  },
  publish: {
    "invalid-package": failed("the package failed validation: nothing is published", "fix the errors of its validation report, then run again"),
    "unknown-license": failed("the package's license has no data.gouv.fr equivalent", "use a license data.gouv.fr knows (the message lists them)"),
    "unknown-frequency": failed("the package's update frequency is not one of data.gouv.fr's", 'use one of data.gouv.fr\'s, e.g. "daily"'),
    "invalid-tag": failed("a tag is too short or too long once data.gouv.fr turns it into a slug", "change or remove it"),
    "duplicate-key": failed("two resources of the package have the same key", "each file of the package must appear once"),
    "local-file": failed("a file of the package cannot be read", "build the package first (aap build)"),
    "inconsistent-plan": failed("a resource planned for changed on data.gouv.fr during the publication", "run again: the plan is rebuilt from what the server holds"),
    "upload-mismatch": failed("data.gouv.fr stored other bytes than the local file's", "run again: the next run uploads it again"),
    "duplicate-dataset": failed("several datasets on data.gouv.fr are marked as the package's publication", "keep one, delete the others (the message names them), then run again"),
  },
  declaration: {
    "declaration-error": usage("a datapackage.yaml cannot be read, or does not hold a usable declaration", "fix each line named (file:line and JSON path), then run again"),
    "unknown-package": usage("a package named on the command line has no declaration", "name one of the packages listed, or leave them out to run them all"),
  },
  state: {
    "state-error": failed("a state file (AAP_STATE_DIR) cannot be read, or is not a JSON object", "fix it or delete it (the next run then starts from scratch)"),
  },
  lock: {
    locked: failed("another run holds the package, still after --lock-wait", "run again once it has finished; if that process is gone, delete its lock file"),
  },
  schedule: {
    "schedule-error": usage("the schedule cannot be used (its cron expression or its time zone)", 'fix --cron or --timezone (or AAP_CRON, AAP_TIMEZONE); "aap schedule --help" shows the syntax'),
  },
  site: {
    "site-error": failed("the static site could not be written to output/site/", "check that output/ is writable and holds the packages aap build wrote, then run aap build again"),
  },
  watch: {
    "alert-config": usage("the alert channels cannot be used: GITHUB_TOKEN or GITHUB_REPOSITORY missing, a bad GITHUB_API_URL or AAP_ALERT_WEBHOOK_URL", "set the variable the message names (in Actions: GITHUB_TOKEN and permissions: issues: write)"),
    "github-api": failed("GitHub refused or failed a call of the alert (the issue was not opened, commented on or closed)", "check the token's issues: write permission and GITHUB_REPOSITORY, then run aap notify again"),
    "webhook-failed": failed("the chat webhook did not take the alert", "check AAP_ALERT_WEBHOOK_URL (the webhook may have been deleted or disabled)"),
  },
  release: {
    "git-error": usage("a git command the schema check or the schema release needs failed", "run it from the repository's root, with the base ref fetched (actions/checkout with fetch-depth: 0)"),
  },
  report: {
    "run-report-unreadable": usage("a run report (given to aap notify, or gathered from a job by aap merge-reports) is not JSON or not a run report", "check the job that wrote it: its artifact holds the whole output folder"),
  },
  usage: {
    "usage-error": usage("the command was called wrongly (an unknown command or option, a bad value)", 'run "aap {command} --help" for its usage'),
  },
  stop: {
    stopped: { exit: "signal", title: "the command was stopped by a signal (Ctrl-C, SIGTERM) before its end", hint: "run it again: what it had not finished is done again" },
  },
  bug: {
    "internal-error": failed("aap failed in a way it does not expect", A_BUG),
  },
};

const BY_CODE: ReadonlyMap<string, CatalogueEntry> = new Map(Object.values(ERROR_CATALOGUE).flatMap((family) => Object.entries(family) as [string, CatalogueEntry][]));

/** Whether a family declares this code. */
export function isErrorCode(code: string): code is ErrorCode {
  return BY_CODE.has(code);
}

export function catalogueEntry(code: ErrorCode): CatalogueEntry {
  return BY_CODE.get(code) as CatalogueEntry;
}
