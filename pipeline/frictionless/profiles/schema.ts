import type { JsonSchema } from "./common.ts";
import { stringArray } from "./common.ts";

/**
 * Table Schema v2 profile, accepting v1 forms. Unlike the official 2.0 profile: `fieldsMatch`
 * is a string enum, `list` exists, and a field without `type` is `any` (not `string`). Fields
 * are checked by a common part plus one if/then branch per type, so that a bad field yields
 * the errors of its own type only, not those of fifteen `oneOf` branches.
 */

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

const bound: JsonSchema = { type: ["number", "string"] };
const length: JsonSchema = { type: "integer", minimum: 0 };

const constraints: JsonSchema = {
  type: "object",
  properties: {
    required: { type: "boolean" },
    unique: { type: "boolean" },
    minLength: length,
    maxLength: length,
    minimum: bound,
    maximum: bound,
    exclusiveMinimum: bound,
    exclusiveMaximum: bound,
    pattern: { type: "string" },
    enum: { type: "array", minItems: 1 },
    jsonSchema: { type: "object" },
  },
};

const categories: JsonSchema = {
  type: "array",
  minItems: 1,
  items: {
    anyOf: [
      { type: ["string", "number"] },
      { type: "object", required: ["value"], properties: { value: { type: ["string", "number"] }, label: { type: "string" } } },
    ],
  },
};

/** Type-specific properties; the format enum only where the spec fixes the formats. */
const BRANCHES: Record<string, JsonSchema> = {
  string: { properties: { format: { enum: ["default", "email", "uri", "binary", "uuid", "fmt:email", "fmt:uri", "fmt:binary", "fmt:uuid"] }, categories, categoriesOrdered: { type: "boolean" } } },
  number: { properties: { decimalChar: { type: "string", minLength: 1 }, groupChar: { type: "string", minLength: 1 }, bareNumber: { type: "boolean" } } },
  integer: { properties: { groupChar: { type: "string", minLength: 1 }, bareNumber: { type: "boolean" }, categories, categoriesOrdered: { type: "boolean" } } },
  boolean: { properties: { trueValues: { ...stringArray, minItems: 1 }, falseValues: { ...stringArray, minItems: 1 } } },
  list: {
    properties: {
      delimiter: { type: "string", minLength: 1 },
      itemType: { enum: ["string", "integer", "boolean", "number", "datetime", "date", "time"] },
    },
  },
  geopoint: { properties: { format: { enum: ["default", "array", "object"] } } },
  geojson: { properties: { format: { enum: ["default", "topojson"] } } },
  array: { properties: { arrayItem: { type: "object" } } },
};

export const fieldProfile: JsonSchema = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1 },
    type: { enum: TYPES },
    format: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    rdfType: { type: "string" },
    constraints,
    missingValues: { type: "array", items: { anyOf: [{ type: "string" }, { type: "object", required: ["value"], properties: { value: { type: "string" }, label: { type: "string" } } }] } },
  },
  allOf: Object.entries(BRANCHES).map(([type, then]) => ({ if: { properties: { type: { const: type } }, required: ["type"] }, then })),
};

const fieldNames: JsonSchema = { anyOf: [{ type: "string" }, { type: "array", minItems: 1, items: { type: "string" } }] };

export const schemaProfile: JsonSchema = {
  type: "object",
  required: ["fields"],
  properties: {
    $schema: { type: "string" },
    fields: { type: "array", items: fieldProfile },
    fieldsMatch: { enum: ["exact", "equal", "subset", "superset", "partial"] },
    missingValues: fieldProfile.properties && (fieldProfile.properties as JsonSchema).missingValues,
    primaryKey: fieldNames,
    uniqueKeys: { type: "array", minItems: 1, items: { type: "array", minItems: 1, items: { type: "string" } } },
    foreignKeys: {
      type: "array",
      items: {
        type: "object",
        required: ["fields", "reference"],
        properties: {
          fields: fieldNames,
          reference: {
            type: "object",
            required: ["fields"],
            properties: { resource: { type: "string" }, fields: fieldNames },
          },
        },
      },
    },
  },
};
