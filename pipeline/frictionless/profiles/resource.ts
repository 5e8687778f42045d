import { contributor, type JsonSchema, license, pathOrUrl, source } from "./common.ts";

/**
 * Data Resource v2 profile, accepting v0/v1 `url` and `profile`. Exactly-one-of path/data and
 * the URL-or-path safety rule are checked in code, with messages that say what to do.
 * `schema` and `dialect` are validated by their own profiles once resolved.
 */
export const resourceProfile: JsonSchema = {
  type: "object",
  required: ["name"],
  properties: {
    $schema: { type: "string" },
    profile: { type: "string" },
    name: { type: "string", minLength: 1 },
    path: { anyOf: [pathOrUrl, { type: "array", minItems: 1, items: pathOrUrl }] },
    url: pathOrUrl,
    type: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    homepage: { type: "string" },
    format: { type: "string" },
    mediatype: { type: "string", pattern: "^(.+)/(.+)$" },
    encoding: { type: "string" },
    bytes: { type: "integer", minimum: 0 },
    hash: { type: "string", pattern: "^([^:]+:[a-fA-F0-9]+|[a-fA-F0-9]{32}|)$" },
    sources: { type: "array", items: source },
    licenses: { type: "array", minItems: 1, items: license },
    contributors: { type: "array", items: contributor },
    schema: { type: ["object", "string"] },
    dialect: { type: ["object", "string"] },
  },
};
