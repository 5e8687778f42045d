import { describeThrown } from "../../../frictionless/index.ts";
import { HttpError } from "../../../http/errors.ts";
import { redactText } from "../../../http/redact.ts";
import { extractErrorFromHttp } from "../../errors.ts";
import { ExtractError, type ExtractErrorCode } from "../../types.ts";

/** What Octokit throws for an answered call (its RequestError), read by shape: it is not a dependency of ours. */
interface OctokitFailure {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

export function isOctokitFailure(error: unknown): error is OctokitFailure {
  return error instanceof Error && typeof (error as Partial<OctokitFailure>).status === "number";
}

/** Turn a failed GitHub call into an ExtractError with a hint for the data team. */
export function githubError(error: unknown, source: string, init: { tokenEnv?: string; secrets: readonly string[] }): ExtractError {
  if (error instanceof ExtractError) return error;
  // A call that our client gave up on (timeouts, 5xx, 429 after retries) reaches us wrapped by Octokit.
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (error instanceof HttpError) return extractErrorFromHttp(error, source, { tokenEnv: init.tokenEnv });
  if (cause instanceof HttpError) return extractErrorFromHttp(cause, source, { tokenEnv: init.tokenEnv });
  if (!isOctokitFailure(error)) {
    return new ExtractError({ code: "unavailable", source, message: `${source}: ${redactText(describeThrown(error).message, init.secrets)}`, hint: "retry later", cause: error });
  }
  const said = redactText(error.message, init.secrets);
  const headers = error.response?.headers ?? {};
  const make = (code: ExtractErrorCode, hint: string) => new ExtractError({ code, source, message: `${source}: GitHub answered ${error.status}: ${said}`, hint, cause: error });
  const tokenHint = init.tokenEnv
    ? `check that ${init.tokenEnv} holds a valid token that can read this repository (contents: read)`
    : "set tokenEnv in the declaration to a variable holding a token that can read this repository";
  if (error.status === 401) return make("unauthorized", tokenHint);
  if ((error.status === 403 || error.status === 429) && String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    const when = Number.isFinite(reset) && reset > 0 ? ` after ${new Date(reset * 1000).toISOString()}` : " later";
    const withToken = init.tokenEnv ? "" : "; a token (tokenEnv) raises the limit from 60 to 5,000 requests an hour";
    return make("rate-limited", `the GitHub API rate limit is spent: run again${when}${withToken}`);
  }
  if (error.status === 403) return make("forbidden", tokenHint);
  if (error.status === 404) {
    const privateHint = init.tokenEnv ? ` and that ${init.tokenEnv} can read the repository` : "; a private repository also answers 404 without a token: set tokenEnv";
    return make("not-found", `check owner, repo, path and ref in the declaration${privateHint}`);
  }
  return make(error.status >= 500 ? "unavailable" : "rejected", "retry later; if it persists, check the declaration against the repository");
}
