import { tokenEnvOption, urlOption } from "../../options-schema.ts";

export interface GristOptions {
  /** DINUM's instance by default; team sites use `https://<host>/o/<org>`. */
  baseUrl?: string;
  docId: string;
  tableId: string;
  /** Environment variable holding the API key; none for a public document. */
  tokenEnv?: string;
  /** Column → allowed values, as Grist's `filter` parameter. */
  filter?: Record<string, Array<string | number | boolean | null>>;
  /** Grist's `sort` parameter: `col` or `-col`, comma-separated. */
  sort?: string;
  /**
   * How a reference cell (`Ref:<Table>`, `RefList:<Table>`) is given: `display` (default)
   * is the value of the referenced row's visible column, as Grist shows it; `record` is the
   * referenced row's fields (with its `id`).
   */
  references?: "display" | "record";
  timeoutMs?: number;
}

export const DEFAULT_BASE_URL = "https://grist.numerique.gouv.fr";

export const optionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["docId", "tableId"],
  properties: {
    // Tokens travel with every call: https only (http just for local test servers).
    baseUrl: urlOption,
    docId: { type: "string", pattern: "^[A-Za-z0-9_-]+$" },
    tableId: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
    tokenEnv: tokenEnvOption,
    filter: { type: "object", additionalProperties: { type: "array", items: { type: ["string", "number", "boolean", "null"] } } },
    sort: { type: "string", pattern: "^-?[A-Za-z_][A-Za-z0-9_]*(,-?[A-Za-z_][A-Za-z0-9_]*)*$" },
    references: { enum: ["display", "record"] },
    timeoutMs: { type: "integer", minimum: 1000 },
  },
} as const;
