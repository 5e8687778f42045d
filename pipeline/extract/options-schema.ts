import type { Dialect, TableFormat } from "../frictionless/index.ts";
import { TABLE_FORMATS } from "./format.ts";

/**
 * Pieces of the connectors' options schemas that mean the same thing everywhere, written
 * once so that a source block reads and is checked alike whatever its connector.
 */

/** Plain http is allowed only for the local machine: a public source must come over TLS. */
export const URL_PATTERN = "^(https://|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/|$))";

export const urlOption = { type: "string", pattern: URL_PATTERN } as const;

/** The name of an environment variable holding a secret (never the secret itself). */
export const tokenEnvOption = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" } as const;

/** How a fetched table file is read and fetched: options shared by the file, http and github connectors. */
export interface TableSourceOptions {
  format?: TableFormat;
  /** Default utf-8; e.g. windows-1252 for files saved by Excel. */
  encoding?: string;
  /** Table Dialect: delimiter, headerRows…, `sheetName`/`sheetNumber` for XLSX, `property` for JSON. */
  dialect?: Dialect;
  /** Refuse files larger than this, in bytes. */
  maxBytes?: number;
  /** Time limit of a request. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, 429 and 5xx (default 4). */
  retries?: number;
  /** Title of the source in the data package `sources`. */
  title?: string;
}

export const tableSourceProperties = {
  format: { enum: [...TABLE_FORMATS] },
  encoding: { type: "string", minLength: 1 },
  dialect: { type: "object" },
  maxBytes: { type: "integer", minimum: 1 },
  timeoutMs: { type: "integer", minimum: 1 },
  retries: { type: "integer", minimum: 0, maximum: 10 },
  title: { type: "string", minLength: 1 },
} as const;
