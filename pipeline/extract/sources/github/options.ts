import { tableSourceProperties, tokenEnvOption, urlOption, type TableSourceOptions } from "../../options-schema.ts";

/**
 * `source: { connector: github, … }`: a table file, or a folder of table files, of a repository
 * at a ref. Format by default: from each file's extension; in a folder, only the files of the
 * given format are read. `maxBytes` limits each file.
 */
export interface GithubOptions extends TableSourceOptions {
  owner: string;
  repo: string;
  /** A file, or a folder whose table files (csv, tsv, json, ndjson, jsonl, xlsx) are read in name order. */
  path: string;
  /** Branch, tag or commit; the default branch when absent. */
  ref?: string;
  /** Environment variable holding a token (needed for a private repository, and raises the rate limit). */
  tokenEnv?: string;
  /** API root for GitHub Enterprise (`https://github.example.org/api/v3`); default `https://api.github.com`. */
  baseUrl?: string;
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
    tokenEnv: tokenEnvOption,
    baseUrl: urlOption,
    ...tableSourceProperties,
  },
} as const;
