import { createError, errorMatches } from "../errors/index.ts";
import type { ErrorProps, ValidationError } from "../errors/index.ts";
import { DEFAULT_LIMIT_ERRORS, type ValidateOptions } from "./options.ts";

/**
 * The errors of one task: pick/skip filtering and the error limit. `full` turns true once
 * the limit is reached; the validator then stops reading.
 */
export class ErrorCollector {
  readonly errors: ValidationError[] = [];
  readonly warnings: string[] = [];
  full = false;
  private readonly limit: number;
  private readonly pick: readonly string[] | undefined;
  private readonly skip: readonly string[] | undefined;

  constructor(options: Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors">) {
    // As frictionless-py: 0 sets no limit.
    this.limit = options.limitErrors === 0 ? Infinity : (options.limitErrors ?? DEFAULT_LIMIT_ERRORS);
    this.pick = options.pickErrors?.length ? options.pickErrors : undefined;
    this.skip = options.skipErrors?.length ? options.skipErrors : undefined;
  }

  add(type: string, props: ErrorProps): void {
    if (this.full) return;
    this.push(createError(type, props));
  }

  /** Keeps `error` unless filtered out or past the limit; returns whether it was kept. */
  push(error: ValidationError): boolean {
    if (this.full) return false;
    if (this.pick && !errorMatches(error, this.pick)) return false;
    if (this.skip && errorMatches(error, this.skip)) return false;
    this.errors.push(error);
    if (this.errors.length >= this.limit) {
      this.full = true;
      this.warnings.push(`reached error limit: ${this.limit}`);
    }
    return true;
  }

  /** Empties it, to collect the next batch's errors (`BatchChecks`). */
  clear(): void {
    this.errors.length = 0;
    this.warnings.length = 0;
    this.full = false;
  }

  /**
   * Errors in frictionless-py's order: header errors, then row errors by row (stable: self
   * references resolved at the end go back to their row), then file and table errors.
   */
  sorted(): ValidationError[] {
    const rank = (error: ValidationError): number => error.rowNumber ?? (error.tags.includes("#header") ? 0 : Number.MAX_SAFE_INTEGER);
    return this.errors
      .map((error, order) => ({ error, order, rank: rank(error) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ error }) => error);
  }
}
