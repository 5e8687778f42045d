import { tableSourceProperties, tokenEnvOption, urlOption, type TableSourceOptions } from "../../options-schema.ts";

/**
 * `source: { connector: http, … }`: one JSON, CSV or XLSX resource served over HTTP(S), possibly
 * behind a token. Format by default: from the content type, then the URL extension, then JSON;
 * encoding and dialect apply to CSV/XLSX answers.
 */
export interface HttpOptions extends TableSourceOptions {
  url: string;
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
}

export const httpOptionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  required: ["url"],
  properties: {
    url: urlOption,
    headers: { type: "object", additionalProperties: { type: "string" } },
    tokenEnv: tokenEnvOption,
    tokenHeader: { type: "string", pattern: "^[A-Za-z0-9-]+$" },
    authScheme: { type: "string" },
    recordsPath: { type: "string", minLength: 1 },
    ...tableSourceProperties,
  },
} as const;
