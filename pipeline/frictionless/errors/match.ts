import { ERROR_FAMILIES } from "./catalogue.ts";
import type { ValidationError } from "./types.ts";

/** True when `type` is `family` or one of its descendants (e.g. `type-error` in `cell-error`). */
export function isErrorOfFamily(type: string, family: string): boolean {
  for (let t: string | undefined = type; t !== undefined; t = ERROR_FAMILIES.get(t)) {
    if (t === family) return true;
  }
  return false;
}

/**
 * Pick/skip selector test, as frictionless-py's `pick_errors`/`skip_errors`: a selector is an
 * error code (`type-error`; a family code such as `cell-error` covers its members) or a tag
 * (`#row`). Several selectors match when any of them does.
 */
export function errorMatches(error: Pick<ValidationError, "type" | "tags">, selector: string | readonly string[]): boolean {
  if (typeof selector !== "string") return selector.some((s) => errorMatches(error, s));
  if (selector.startsWith("#")) return error.tags.includes(selector);
  return isErrorOfFamily(error.type, selector);
}
