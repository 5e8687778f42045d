import { tokenEnvOption, urlOption } from "../../options-schema.ts";
import { DOSSIER_STATES, type DossierState } from "./types.ts";

export interface DemarchesSimplifieesOptions {
  /** The service was renamed demarche.numerique.gouv.fr: the host is configurable. */
  baseUrl?: string;
  /** Number of the démarche. */
  demarche: number;
  /** Environment variable holding an administrator's API token. */
  tokenEnv: string;
  /** Dossiers to publish; `accepte` (the lauréats) by default. */
  state?: DossierState;
  /** Record key → stable id of a champ or annotation. Without it, every champ is keyed by its id. */
  champs?: Record<string, string>;
  /** Time limit of one page request. */
  timeoutMs?: number;
}

export const DEFAULT_BASE_URL = "https://www.demarches-simplifiees.fr";

export const optionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["demarche", "tokenEnv"],
  properties: {
    // Tokens travel with every call: https only (http just for local test servers).
    baseUrl: urlOption,
    demarche: { type: "integer", minimum: 1 },
    tokenEnv: tokenEnvOption,
    state: { enum: [...DOSSIER_STATES] },
    champs: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
    timeoutMs: { type: "integer", minimum: 1000 },
  },
} as const;
