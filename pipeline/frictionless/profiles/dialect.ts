import type { JsonSchema } from "./common.ts";

const rowNumbers: JsonSchema = { type: "array", items: { type: "integer", minimum: 1 } };

/** Table Dialect v2 (and CSV Dialect v1, a subset), written from the spec text. */
export const dialectProfile: JsonSchema = {
  type: "object",
  properties: {
    $schema: { type: "string" },
    header: { type: "boolean" },
    headerRows: rowNumbers,
    headerJoin: { type: "string" },
    commentRows: rowNumbers,
    commentChar: { type: "string", minLength: 1 },
    delimiter: { type: "string", minLength: 1 },
    lineTerminator: { type: "string", minLength: 1 },
    quoteChar: { type: "string", maxLength: 1 },
    doubleQuote: { type: "boolean" },
    escapeChar: { type: "string", minLength: 1, maxLength: 1 },
    nullSequence: { type: "string" },
    skipInitialSpace: { type: "boolean" },
    property: { type: "string" },
    itemType: { enum: ["array", "object"] },
    itemKeys: { type: "array", items: { type: "string" } },
    sheetNumber: { type: "integer", minimum: 1 },
    sheetName: { type: "string" },
    table: { type: "string" },
    caseSensitiveHeader: { type: "boolean" },
    csvddfVersion: { type: ["number", "string"] },
  },
};
