import type { Dialect } from "../../frictionless/descriptor/types.ts";
import type { TableFormat } from "../../frictionless/table/types.ts";
import { URL_PATTERN } from "../file/options.ts";
import { TABLE_FORMATS } from "../shared/format.ts";

/** `source: { connector: http, … }`: one JSON, CSV or XLSX resource served over HTTP(S), possibly behind a token. */
export interface HttpOptions {
  url: string;
  /** Default: from the content type, then the URL extension, then JSON. */
  format?: TableFormat;
  /** Extra request headers (never a token: name it with tokenEnv). */
  headers?: Record<string, string>;
  /** Environment variable holding the token. */
  tokenEnv?: string;
  /** Header carrying the token (default `authorization`). */
  tokenHeader?: string;
  /** Scheme before the token (default `Bearer` in `authorization`, none in a custom tokenHeader). */
  authScheme?: string;
  /** Dotted path to the array of records in a JSON answer, e.g. `data.items`; the answer itself when absent. */
  recordsPath?: string;
  /** For CSV/XLSX answers. */
  encoding?: string;
  dialect?: Dialect;
  timeoutMs?: number;
  maxBytes?: number;
  /** Retries after the first attempt on network errors, 429 and 5xx (default 4). */
  retries?: number;
  title?: string;
}

export const httpOptionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  required: ["url"],
  properties: {
    url: { type: "string", pattern: URL_PATTERN },
    format: { enum: [...TABLE_FORMATS] },
    headers: { type: "object", additionalProperties: { type: "string" } },
    tokenEnv: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
    tokenHeader: { type: "string", pattern: "^[A-Za-z0-9-]+$" },
    authScheme: { type: "string" },
    recordsPath: { type: "string", minLength: 1 },
    encoding: { type: "string", minLength: 1 },
    dialect: { type: "object" },
    timeoutMs: { type: "integer", minimum: 1 },
    maxBytes: { type: "integer", minimum: 1 },
    retries: { type: "integer", minimum: 0, maximum: 10 },
    title: { type: "string", minLength: 1 },
  },
} as const;
