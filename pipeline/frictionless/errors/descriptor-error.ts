import type { ValidationError } from "./types.ts";

/**
 * Thrown by the descriptor loaders when a descriptor cannot be used. `errors` holds every problem
 * found (each with its code and JSON path), so that a report can list them all at once.
 */
export class DescriptorError extends Error {
  readonly code: string;
  readonly errors: ValidationError[];

  constructor(errors: ValidationError[], place?: string) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super(`${place ? `${place}: ` : ""}${first ? first.message : "invalid descriptor"}${more}`);
    this.name = "DescriptorError";
    this.code = first?.type ?? "metadata-error";
    this.errors = errors;
  }
}
