import type { Dialect } from "../../frictionless/descriptor/types.ts";
import type { TableFormat } from "../../frictionless/table/types.ts";
import { TABLE_FORMATS } from "../shared/format.ts";

/** `source: { connector: file, … }`: a table file on disk (beside the declaration) or at a URL. */
export interface FileOptions {
  /** Relative to the declaration folder. Exactly one of `path` and `url`. */
  path?: string;
  /** `https://` (plain `http://` only for 127.0.0.1 and localhost, for tests and local mirrors). */
  url?: string;
  /** Default: from the file extension, then (for a URL) the content type, then CSV. */
  format?: TableFormat;
  /** Default utf-8; e.g. windows-1252 for files saved by Excel. */
  encoding?: string;
  /** Table Dialect: delimiter, headerRows…, `sheetName`/`sheetNumber` for XLSX, `property` for JSON. */
  dialect?: Dialect;
  /** Refuse files larger than this. */
  maxBytes?: number;
  /** For a URL. */
  timeoutMs?: number;
  retries?: number;
  /** Title of the source in the data package `sources`. */
  title?: string;
}

/** Plain http is allowed only for the local machine: a public source must come over TLS. */
export const URL_PATTERN = "^(https://|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/|$))";

export const fileOptionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  oneOf: [{ required: ["path"] }, { required: ["url"] }],
  properties: {
    path: { type: "string", minLength: 1 },
    url: { type: "string", pattern: URL_PATTERN },
    format: { enum: [...TABLE_FORMATS] },
    encoding: { type: "string", minLength: 1 },
    dialect: { type: "object" },
    maxBytes: { type: "integer", minimum: 1 },
    timeoutMs: { type: "integer", minimum: 1 },
    retries: { type: "integer", minimum: 0, maximum: 10 },
    title: { type: "string", minLength: 1 },
  },
} as const;
