/**
 * JSON Schema (draft-07) of a declaration, checked with ajv at load time. Connector
 * options are checked separately against each connector's own schema.
 */
const slug = { type: "string", pattern: "^[a-z0-9]+(?:[-_.][a-z0-9]+)*$" };
const nonEmptyString = { type: "string", minLength: 1 };

const mappingRule = {
  oneOf: [
    nonEmptyString,
    {
      type: "object",
      additionalProperties: false,
      properties: {
        column: nonEmptyString,
        value: {},
        extract: nonEmptyString,
        values: { type: "object", additionalProperties: { type: "string" } },
        normalize: {
          type: "array",
          items: { enum: ["trim", "digits", "collapse-whitespace", "lowercase", "uppercase"] },
        },
        format: nonEmptyString,
        decimalChar: nonEmptyString,
        groupChar: { type: "string" },
        bareNumber: { type: "boolean" },
        trueValues: { type: "array", items: { type: "string" } },
        falseValues: { type: "array", items: { type: "string" } },
        missingValues: { type: "array", items: { type: "string" } },
      },
      oneOf: [{ required: ["column"], not: { required: ["value"] } }, { required: ["value"], not: { required: ["column"] } }],
    },
  ],
};

const source = {
  type: "object",
  required: ["connector"],
  properties: { connector: nonEmptyString },
};

const mapping = { type: "object", additionalProperties: mappingRule };

const resource = {
  type: "object",
  required: ["name", "schema"],
  additionalProperties: false,
  properties: {
    name: slug,
    title: nonEmptyString,
    description: nonEmptyString,
    schema: nonEmptyString,
    source,
    mapping,
    inputs: {
      type: "array",
      minItems: 1,
      items: { type: "object", additionalProperties: false, required: ["source"], properties: { source, mapping } },
    },
    derive: { enum: ["scdl-subventions"] },
    enrich: {
      type: "object",
      additionalProperties: false,
      required: ["siren", "fill"],
      properties: {
        siren: nonEmptyString,
        fill: { type: "object", minProperties: 1, additionalProperties: { enum: ["nomComplet", "natureJuridique", "estServicePublic", "estAdministration"] } },
        baseUrl: { type: "string", format: "uri", pattern: "^https?://" },
      },
    },
  },
  oneOf: [
    { required: ["source"], not: { anyOf: [{ required: ["inputs"] }, { required: ["derive"] }] } },
    { required: ["inputs"], not: { anyOf: [{ required: ["source"] }, { required: ["mapping"] }, { required: ["derive"] }] } },
    { required: ["derive"], not: { anyOf: [{ required: ["source"] }, { required: ["inputs"] }, { required: ["mapping"] }, { required: ["enrich"] }] } },
  ],
};

export const declarationSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["name", "title", "description", "version", "licenses", "datagouv", "resources"],
  additionalProperties: false,
  properties: {
    name: slug,
    title: nonEmptyString,
    description: { type: "string", minLength: 101 },
    version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$" },
    homepage: { type: "string", format: "uri" },
    licenses: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        anyOf: [{ required: ["name"] }, { required: ["path"] }],
        properties: { name: nonEmptyString, path: nonEmptyString, title: nonEmptyString },
      },
    },
    keywords: { type: "array", items: nonEmptyString },
    contributors: {
      type: "array",
      items: {
        type: "object",
        minProperties: 1,
        properties: {
          title: nonEmptyString,
          email: { type: "string", format: "email" },
          path: nonEmptyString,
          organization: nonEmptyString,
          roles: { type: "array", items: nonEmptyString },
        },
      },
    },
    sources: { type: "array", items: { type: "object", minProperties: 1 } },
    datagouv: {
      type: "object",
      additionalProperties: false,
      required: ["frequency"],
      properties: {
        organization: { type: ["string", "null"], pattern: "^[0-9a-f]{24}$" },
        frequency: nonEmptyString,
        tags: { type: "array", items: { type: "string", minLength: 3, maxLength: 96 } },
        private: { type: "boolean" },
      },
    },
    resources: { type: "array", minItems: 1, items: resource },
  },
} as const;
