import { tokenEnvOption, urlOption } from "../../options-schema.ts";

export interface AidesTerritoiresOptions {
  baseUrl?: string;
  /** Environment variable holding the permanent API key (X-AUTH-TOKEN) of the account. */
  tokenEnv: string;
  /** Backer slugs (e.g. `662-mtfp`), sent as repeated `backers` parameters. */
  backers?: string[];
  /** Programme slugs, sent as repeated `programs` parameters. */
  programs?: string[];
  /** Any other query parameter of /api/aids/ (e.g. `is_live: "true"`, `perimeter`). */
  filters?: Record<string, string>;
  timeoutMs?: number;
}

export const DEFAULT_BASE_URL = "https://aides-territoires.beta.gouv.fr";

const slugs = { type: "array", minItems: 1, items: { type: "string", minLength: 1 } } as const;

export const optionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["tokenEnv"],
  properties: {
    // Tokens travel with every call: https only (http just for local test servers).
    baseUrl: urlOption,
    tokenEnv: tokenEnvOption,
    backers: slugs,
    programs: slugs,
    filters: { type: "object", additionalProperties: { type: "string" } },
    timeoutMs: { type: "integer", minimum: 1000 },
  },
} as const;
