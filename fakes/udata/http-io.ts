/**
 * An HTTP answer thrown from deep inside a handler, carrying udata's exact status and body
 * so that handlers can stop at the first problem, as flask-restx's `abort` does.
 */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`udata test server answers ${status}: ${JSON.stringify(body)}`);
    this.name = "ApiError";
    this.code = `udata-${status}`;
  }
}

export const NOT_FOUND_TEXT =
  "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
export const UNAUTHORIZED_TEXT =
  "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";

/** `{"message": text}`, the flask-restx shape for an explicit abort. */
export function abort(status: number, message: string): ApiError {
  return new ApiError(status, { message });
}

/** WTForms validation failure: `{"errors": {...}}` with no `message` key. */
export function formErrors(errors: Record<string, unknown>): ApiError {
  return new ApiError(400, { errors });
}

/** Storage/upload protocol failure: `{"success": false, "error": text}`. */
export function uploadError(error: string): ApiError {
  return new ApiError(400, { success: false, error });
}

/**
 * Parses a JSON write body as udata's `UDataApi.validate` does: the content type must be JSON,
 * then the caller says whether it wants an object or an array.
 */
export function parseJsonBody(contentType: string | undefined, body: Buffer): unknown {
  if (!contentType || !/^application\/json\b/i.test(contentType)) {
    throw formErrors({ "Content-Type": "expecting application/json" });
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw abort(400, "Failed to decode JSON object: the request body is not valid JSON");
  }
}

export function requireJsonObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw formErrors({ request: "expecting a JSON object" });
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
