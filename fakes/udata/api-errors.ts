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
