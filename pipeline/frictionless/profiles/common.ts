/**
 * JSON Schema (draft-07) building blocks for our descriptor profiles, written from the Data
 * Package v2 spec text. They accept the v1 forms a v2 consumer must still read
 * (docs/table-schema-notes.md §3); the loaders normalise those afterwards.
 */

export type JsonSchema = Record<string, unknown>;

export const stringArray: JsonSchema = { type: "array", items: { type: "string" } };

export const license: JsonSchema = {
  type: "object",
  anyOf: [{ required: ["name"] }, { required: ["path"] }],
  properties: {
    name: { type: "string", pattern: "^([-a-zA-Z0-9._])+$" },
    path: { type: "string" },
    title: { type: "string" },
  },
};

/**
 * An email, or an empty string: frictionless-py checks only a non-empty email (its own fixtures
 * write `"email": ""` in sources), so an empty one reads as absent.
 */
const email: JsonSchema = { type: "string", if: { minLength: 1 }, then: { format: "email" } };

export const source: JsonSchema = {
  type: "object",
  minProperties: 1,
  properties: { title: { type: "string" }, path: { type: "string" }, email, version: { type: "string" } },
};

export const contributor: JsonSchema = {
  type: "object",
  minProperties: 1,
  properties: {
    title: { type: "string" },
    givenName: { type: "string" },
    familyName: { type: "string" },
    path: { type: "string" },
    email,
    roles: stringArray,
    role: { type: "string" },
    organization: { type: "string" },
  },
};

/** A path or URL; the URL-or-path safety rule is checked in code so the message can say why. */
export const pathOrUrl: JsonSchema = { type: "string", minLength: 1 };
