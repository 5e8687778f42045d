import { abort, formErrors } from "./api-errors.ts";

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
