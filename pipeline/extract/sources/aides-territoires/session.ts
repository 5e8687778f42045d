import { httpRequest, parseJsonBody, type HttpResponse, type RetryPolicy } from "../../../http/client.ts";
import { toExtractError } from "../../errors.ts";
import { ExtractError, type ConnectorLogger } from "../../types.ts";

export interface SessionInit {
  baseUrl: string;
  /** The permanent key; exchanged for a JWT valid 24 h. */
  apiKey: string;
  tokenEnv: string;
  retry: RetryPolicy;
  timeoutMs?: number;
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

export interface AidesTerritoiresSession {
  /** GET with the current JWT; on a 401 the JWT is exchanged again once and the call repeated. */
  getJson<T>(url: string): Promise<{ data: T; bytes: number }>;
}

/**
 * The Aides-territoires API (docs/sources-apis.md §4.1) wants a JWT, obtained by posting the permanent
 * key to /api/connexion/. A JWT can expire during a long read: a 401 triggers one new
 * exchange. Both secrets are scrubbed from every error.
 */
export function openSession(init: SessionInit): AidesTerritoiresSession {
  let jwt: string | undefined;

  async function call(url: string, method: "GET" | "POST", headers: Record<string, string>, acceptStatuses: number[]): Promise<HttpResponse> {
    try {
      return await httpRequest({
        method,
        url,
        headers: { accept: "application/json", ...headers },
        secrets: [init.apiKey, jwt],
        // The exchange only issues a token: repeating it is harmless.
        retry: init.retry,
        timeoutMs: init.timeoutMs,
        acceptStatuses,
        signal: init.signal,
        onRetry: ({ attempt, delayMs, reason }) => init.logger.warn(`retrying in ${delayMs} ms`, { source: url, attempt, reason }),
      });
    } catch (error) {
      throw toExtractError(error, url, { tokenEnv: init.tokenEnv });
    }
  }

  async function exchange(): Promise<string> {
    const url = `${init.baseUrl}/api/connexion/`;
    const response = await call(url, "POST", { "x-auth-token": init.apiKey }, []);
    const answer = parse<{ token?: unknown }>(response, url, "POST");
    if (typeof answer?.token !== "string" || answer.token === "") {
      throw new ExtractError({ code: "malformed", source: url, message: `${url}: the token exchange answered without a "token"`, hint: "check the base URL; the API may have changed" });
    }
    return answer.token;
  }

  function parse<T>(response: HttpResponse, url: string, method: string): T {
    try {
      return parseJsonBody<T>(response, { method, url });
    } catch (error) {
      throw toExtractError(error, url, { tokenEnv: init.tokenEnv });
    }
  }

  return {
    async getJson<T>(url: string) {
      jwt ??= await exchange();
      let response = await call(url, "GET", { authorization: `Bearer ${jwt}` }, [401]);
      if (response.status === 401) {
        init.logger.info("the Aides-territoires token expired: exchanging the key again", { source: url });
        jwt = await exchange();
        response = await call(url, "GET", { authorization: `Bearer ${jwt}` }, []);
      }
      return { data: parse<T>(response, url, "GET"), bytes: response.body.length };
    },
  };
}
