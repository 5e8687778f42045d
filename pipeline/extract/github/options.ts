import type { Dialect } from "../../frictionless/descriptor/types.ts";
import type { TableFormat } from "../../frictionless/table/types.ts";
import { URL_PATTERN } from "../file/options.ts";
import { TABLE_FORMATS } from "../shared/format.ts";

/** `source: { connector: github, … }`: a table file, or a folder of table files, of a repository at a ref. */
export interface GithubOptions {
  owner: string;
  repo: string;
  /** A file, or a folder whose table files (csv, tsv, json, ndjson, jsonl, xlsx) are read in name order. */
  path: string;
  /** Branch, tag or commit; the default branch when absent. */
  ref?: string;
  /** Default: from each file's extension. In a folder, only the files of this format are read. */
  format?: TableFormat;
  encoding?: string;
  dialect?: Dialect;
  /** Environment variable holding a token (needed for a private repository, and raises the rate limit). */
  tokenEnv?: string;
  /** API root for GitHub Enterprise (`https://github.example.org/api/v3`); default `https://api.github.com`. */
  baseUrl?: string;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  timeoutMs?: number;
  retries?: number;
  title?: string;
}

export const githubOptionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  required: ["owner", "repo", "path"],
  properties: {
    owner: { type: "string", pattern: "^[A-Za-z0-9-]+$" },
    repo: { type: "string", pattern: "^[A-Za-z0-9._-]+$" },
    path: { type: "string", minLength: 1 },
    ref: { type: "string", minLength: 1 },
    format: { enum: [...TABLE_FORMATS] },
    encoding: { type: "string", minLength: 1 },
    dialect: { type: "object" },
    tokenEnv: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
    baseUrl: { type: "string", pattern: URL_PATTERN },
    maxBytes: { type: "integer", minimum: 1 },
    timeoutMs: { type: "integer", minimum: 1 },
    retries: { type: "integer", minimum: 0, maximum: 10 },
    title: { type: "string", minLength: 1 },
  },
} as const;
