import { describeThrown } from "../frictionless/index.ts";
import { HttpError } from "../http/errors.ts";
import { ExtractError, type ExtractErrorCode } from "./types.ts";

export interface HttpErrorHints {
  /** The variable holding the token, to name it in the hint of a 401/403. */
  tokenEnv?: string;
}

/** Turn a failed HTTP call into an ExtractError that says what to do. Messages are already redacted by the client. */
export function extractErrorFromHttp(error: HttpError, source: string, hints: HttpErrorHints = {}): ExtractError {
  const { code, hint } = classify(error, hints);
  const tries = error.attempts > 1 ? ` (after ${error.attempts} attempts)` : "";
  return new ExtractError({ code, source, message: `${source}: ${error.message}${tries}`, hint, cause: error });
}

/** Wrap anything thrown while reading a source; ExtractErrors pass through unchanged. */
export function toExtractError(error: unknown, source: string, hints: HttpErrorHints = {}): ExtractError {
  if (error instanceof ExtractError) return error;
  if (error instanceof HttpError) return extractErrorFromHttp(error, source, hints);
  return new ExtractError({ code: "malformed", source, message: `${source}: ${describeThrown(error).message}`, hint: "check that the source is a table in the declared format, encoding and dialect", cause: error });
}

function classify(error: HttpError, hints: HttpErrorHints): { code: ExtractErrorCode; hint: string } {
  const tokenHint = hints.tokenEnv
    ? `check that ${hints.tokenEnv} holds a valid, unexpired token with read access to this source`
    : "this source needs a token: name its variable with tokenEnv in the declaration and set it in the environment";
  switch (error.code) {
    case "http-timeout":
      return { code: "timeout", hint: "the source is slow or down; retry later or raise timeoutMs" };
    case "http-network":
      return { code: "unavailable", hint: "check the URL and the network (proxy, DNS); the run can simply be retried" };
    case "http-too-large":
      return { code: "too-large", hint: "raise maxBytes in the source declaration if this size is expected" };
    case "http-invalid-body":
      return { code: "malformed", hint: "the source did not answer in the expected format; open the URL to see what it returns" };
    case "http-status":
      break;
  }
  const status = error.status ?? 0;
  if (status === 401) return { code: "unauthorized", hint: tokenHint };
  if (status === 403) return { code: "forbidden", hint: tokenHint };
  if (status === 404) return { code: "not-found", hint: "check the URL or path in the declaration" };
  if (status === 429) return { code: "rate-limited", hint: "the source limits requests; retry later or lower the run's frequency" };
  if (status >= 500) return { code: "unavailable", hint: "the source is failing on its side; the next run retries, or run again later" };
  return { code: "rejected", hint: "the source refused the request; check the URL, headers and options in the declaration" };
}
