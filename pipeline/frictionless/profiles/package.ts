import { contributor, type JsonSchema, license, source, stringArray } from "./common.ts";

/** Data Package v2 profile (accepting v1's `profile`); resources are checked by their own profile. */
export const packageProfile: JsonSchema = {
  type: "object",
  required: ["resources"],
  properties: {
    $schema: { type: "string" },
    profile: { type: "string" },
    name: { type: "string", minLength: 1 },
    id: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    homepage: { type: "string" },
    version: { type: "string" },
    created: { type: "string", format: "date-time" },
    keywords: stringArray,
    image: { type: "string" },
    licenses: { type: "array", minItems: 1, items: license },
    contributors: { type: "array", items: contributor },
    sources: { type: "array", items: source },
    resources: { type: "array", minItems: 1 },
  },
};
