import { CodedError } from "./coded-error.ts";
import type { ValidationError } from "./types.ts";

/** The report error types a descriptor problem can have, as in frictionless-py. */
export type DescriptorErrorCode = "metadata-error" | "package-error" | "resource-error" | "schema-error" | "field-error" | "dialect-error";

const DESCRIPTOR_CODES: ReadonlySet<string> = new Set<DescriptorErrorCode>(["metadata-error", "package-error", "resource-error", "schema-error", "field-error", "dialect-error"]);

/**
 * Thrown by the descriptor loaders when a descriptor cannot be used. `errors` holds every problem
 * found (each with its code and JSON path), so that a report can list them all at once; the
 * error's own code is the first problem's.
 */
export class DescriptorError extends CodedError<DescriptorErrorCode> {
  readonly errors: ValidationError[];

  constructor(errors: ValidationError[], place?: string) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super({
      code: first !== undefined && DESCRIPTOR_CODES.has(first.type) ? (first.type as DescriptorErrorCode) : "metadata-error",
      message: `${place ? `${place}: ` : ""}${first ? first.message : "invalid descriptor"}${more}`,
      location: { ...(place === undefined ? {} : { source: place }), ...(first?.jsonPath === undefined ? {} : { jsonPath: first.jsonPath }) },
    });
    this.name = "DescriptorError";
    this.errors = errors;
  }
}
