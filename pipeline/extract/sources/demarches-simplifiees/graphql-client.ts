import { httpRequest, parseJsonBody, type RetryPolicy } from "../../../http/client.ts";
import { toExtractError } from "../../errors.ts";
import { ExtractError, type ConnectorLogger } from "../../types.ts";

/** Where and how to send the queries of one extraction. */
export interface GraphqlEndpoint {
  url: string;
  token: string;
  tokenEnv: string;
  /** How errors name the source (URL and démarche, no secret). */
  source: string;
  retry: RetryPolicy;
  timeoutMs?: number;
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message?: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/**
 * POST one query. A query only reads, so retrying it after a 5xx or a 429 is safe even
 * though it is a POST. GraphQL reports its own failures in `errors[]` next to `data`,
 * usually with HTTP 200: they fail the extraction, even when some data came back, since a
 * partial answer would publish a partial table.
 */
export async function postGraphql<T>(endpoint: GraphqlEndpoint, operationName: string, query: string, variables: Record<string, unknown>): Promise<{ data: T; bytes: number }> {
  let answer: GraphqlAnswer<T>;
  let bytes: number;
  try {
    const response = await httpRequest({
      method: "POST",
      url: endpoint.url,
      headers: { authorization: `Bearer ${endpoint.token}`, accept: "application/json" },
      json: { query, variables, operationName },
      secrets: [endpoint.token],
      retry: endpoint.retry,
      timeoutMs: endpoint.timeoutMs,
      signal: endpoint.signal,
      onRetry: ({ attempt, delayMs, reason }) => endpoint.logger.warn(`retrying in ${delayMs} ms`, { source: endpoint.source, attempt, reason }),
    });
    bytes = response.body.length;
    answer = parseJsonBody<GraphqlAnswer<T>>(response, { method: "POST", url: endpoint.url });
  } catch (error) {
    throw toExtractError(error, endpoint.source, { tokenEnv: endpoint.tokenEnv });
  }
  if (Array.isArray(answer?.errors) && answer.errors.length > 0) throw graphqlError(endpoint, operationName, answer.errors);
  if (!answer || answer.data === undefined || answer.data === null) {
    throw new ExtractError({
      code: "malformed",
      source: endpoint.source,
      message: `${endpoint.source}: the ${operationName} query answered without data nor errors`,
      hint: "the API did not answer as documented; retry later, and check the base URL",
    });
  }
  return { data: answer.data, bytes };
}

function graphqlError(endpoint: GraphqlEndpoint, operationName: string, errors: NonNullable<GraphqlAnswer<unknown>["errors"]>): ExtractError {
  const described = errors.slice(0, 5).map((error) => {
    const code = error.extensions?.code ? `[${error.extensions.code}] ` : "";
    const path = error.path?.length ? ` (at ${error.path.join(".")})` : "";
    return `${code}${error.message ?? "no message"}${path}`;
  });
  const more = errors.length > 5 ? ` and ${errors.length - 5} more` : "";
  const codes = new Set(errors.map((error) => error.extensions?.code));
  const hint = codes.has("not_found")
    ? "check the démarche number, and that the token belongs to an administrator of this démarche"
    : codes.has("unauthorized") || codes.has("forbidden")
      ? `check that ${endpoint.tokenEnv} holds a token of an administrator of this démarche`
      : "the API refused the query; if it names a field, the API may have changed: report it with this message";
  return new ExtractError({
    code: "graphql-error",
    source: endpoint.source,
    message: `${endpoint.source}: the ${operationName} query failed: ${described.join("; ")}${more}`,
    hint,
  });
}
