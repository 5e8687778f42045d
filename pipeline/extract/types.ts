import { CodedError } from "../frictionless/index.ts";

/**
 * The connector contract. A connector reads one source and yields plain records
 * (source column → value); it knows nothing about schemas: the transform stage maps
 * records to schema fields. I/O lives here, at the edge.
 */

/** One record as the source gives it: column or key → value (string, number, boolean, null, nested JSON). */
export type SourceRecord = Record<string, unknown>;

/**
 * Key under which tabular connectors (file, http CSV/XLSX, github) put the physical row
 * number of the record in its source file (the header row is 1), so that the transform
 * stage can say "sources/laureats.csv row 7". Keys starting with `__` are metadata added
 * by connectors, never source columns: map them deliberately or ignore them.
 */
export const SOURCE_ROW_NUMBER = "__rowNumber";
/** Key naming the file a record came from, when one source yields several files (a GitHub folder). */
export const SOURCE_FILE = "__file";

/** Where the data came from, for the package's `sources` and the run report. */
export interface Provenance {
  /** Source URL (secrets masked) or path relative to the declaration folder. */
  source: string;
  /** Human title for the data package `sources` entry. */
  title?: string;
  connector: string;
  /** ISO 8601 time the source was read (or confirmed unchanged). */
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
  /** Raw bytes read (for API sources: bytes of the answers). */
  bytes?: number;
  /** sha256 hex of the raw bytes (for API sources: of the records as canonical JSON). */
  sha256?: string;
  /** Records yielded. */
  records?: number;
}

/** What the connector must remember to resume: cursor, ETag, last update time. JSON-serialisable. */
export type ConnectorState = Record<string, unknown>;

export interface ConnectorLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface ConnectorContext {
  /** Folder of the declaration: relative paths in the source options resolve against it. */
  baseDir: string;
  /** Environment to read secrets from (tokens are named in the declaration, valued here). */
  env: Readonly<Record<string, string | undefined>>;
  /** State saved by the last successful run for this source; undefined on a first run or with --force. */
  state: ConnectorState | undefined;
  /** A folder private to this source, kept between runs with the state (caches, snapshots). */
  cacheDir: string;
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

export interface ExtractResult {
  /** False when the source answered "not modified" (or its cursor found nothing new). Records are then replayed from cache. */
  changed: boolean;
  /** The full current content of the source, as records. Iterate once. */
  records: AsyncIterable<SourceRecord>;
  /** Complete once `records` has been fully iterated. */
  provenance(): Provenance;
  /** State to save, only after the whole run succeeded. Read after `records` has been iterated. */
  nextState(): ConnectorState;
}

export interface Connector<Options = Record<string, unknown>> {
  /** `file`, `http`, `demarches-simplifiees`, `grist`, `aides-territoires`, `github`. */
  readonly kind: string;
  /** JSON Schema (draft-07) of this connector's options, used by the declaration loader with ajv. */
  readonly optionsSchema: Record<string, unknown>;
  extract(options: Options, context: ConnectorContext): Promise<ExtractResult>;
}

/** Codes of the failures of reading a source: every connector's and the enrichment's. */
export type ExtractErrorCode =
  | "missing-secret" // a variable named by tokenEnv is not set
  | "invalid-options" // the source block cannot be used as written
  | "unknown-connector" // the declaration names a connector we do not have
  | "unauthorized" // 401: no token, or a wrong one
  | "forbidden" // 403: the token lacks access
  | "not-found" // 404, or a file that does not exist
  | "rate-limited" // 429 (or GitHub's 403 with no requests left) after the retries
  | "unavailable" // 5xx or network failure after the retries
  | "timeout" // no answer within timeoutMs, after the retries
  | "too-large" // over maxBytes
  | "rejected" // another 4xx
  | "malformed" // an answer or file we cannot read (invalid JSON, an HTML page, a broken CSV)
  | "graphql-error" // a GraphQL API answered with errors
  | "io" // a local file cannot be read
  | "enrichment-cache" // the cache of looked-up SIRENs cannot be read
  | "enrichment-failed" // the company directory could not be read
  | "enrichment-invalid-answer" // the company directory answered something we cannot read
  | "records-read-twice" // a connector's records were iterated twice (a bug in the caller)
  | "records-not-read"; // a connector's state was asked for before its records were read (a bug in the caller)

/** A failure with a code, the source it concerns and what to do. Never contains a secret. */
export class ExtractError extends CodedError<ExtractErrorCode> {
  /** The source: its path, or its URL without secrets. */
  readonly source: string;
  constructor(init: { code: ExtractErrorCode; source: string; message: string; hint?: string; cause?: unknown }) {
    super({ code: init.code, message: init.message, hint: init.hint, location: { source: init.source }, cause: init.cause });
    this.name = "ExtractError";
    this.source = init.source;
  }
}
