import { DatagouvError } from "./errors.ts";

/** Where and as whom the client talks to data.gouv.fr. Built from the environment only. */
export interface DatagouvConfig {
  /** Base URL of the instance, without trailing slash, e.g. "https://demo.data.gouv.fr". */
  baseUrl: string;
  /** Value of DATAGOUV_API_KEY; never printed. Absent: read-only use (dry run). */
  apiKey?: string;
  /** Default owning organization id (DATAGOUV_ORGANIZATION). */
  organization?: string;
}

const NAMED_INSTANCES: Record<string, string> = {
  www: "https://www.data.gouv.fr",
  prod: "https://www.data.gouv.fr",
  demo: "https://demo.data.gouv.fr",
  dev: "https://dev.data.gouv.fr",
};

/**
 * DATAGOUV_URL is empty (production), a short name ("demo", "dev", "www") or any base URL,
 * with or without a trailing "/api/1" (that is how tests point the client at 127.0.0.1).
 * A URL with a user name or password is refused: data.gouv.fr reads its key from a header
 * only, and the URL names the target in state keys, logs and reports, where no secret goes.
 */
export function datagouvConfigFromEnv(env: Record<string, string | undefined>): DatagouvConfig {
  const config: DatagouvConfig = { baseUrl: resolveBaseUrl(env.DATAGOUV_URL?.trim() ?? "") };
  const apiKey = env.DATAGOUV_API_KEY?.trim();
  if (apiKey) config.apiKey = apiKey;
  const organization = env.DATAGOUV_ORGANIZATION?.trim();
  if (organization) config.organization = organization;
  return config;
}

function resolveBaseUrl(value: string): string {
  if (value === "") return NAMED_INSTANCES.www as string;
  const named = NAMED_INSTANCES[value.toLowerCase()];
  if (named) return named;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidUrl(value);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidUrl(value);
  if (url.username || url.password) {
    throw new DatagouvError({
      code: "datagouv-config",
      message: `DATAGOUV_URL carries credentials (${hideUserinfo(value)}): data.gouv.fr reads its key from DATAGOUV_API_KEY only`,
      hint: "remove the user name and password from the URL and set DATAGOUV_API_KEY",
    });
  }
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/[12]$/, "");
  return `${url.origin}${path}`;
}

function invalidUrl(value: string): DatagouvError {
  return new DatagouvError({
    code: "datagouv-config",
    message: `DATAGOUV_URL="${hideUserinfo(value)}" is neither "demo", "dev", "www" nor an http(s) base URL`,
    hint: "set it to e.g. https://demo.data.gouv.fr",
  });
}

/** What precedes an "@" in the authority part is a user name and maybe a password: never shown. */
function hideUserinfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, (_match, scheme: string | undefined) => `${scheme ?? ""}***@`);
}
