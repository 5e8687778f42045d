import { CodedError, type CheckContext } from "../../frictionless/for-checks.ts";

/** A custom check's report error type, as in frictionless-py. */
export type CheckParamsErrorCode = "check-error";

/**
 * A custom check declared with parameters it cannot work with (a missing column name,
 * a column the schema does not have). Thrown by the check factory, so the validator
 * reports it once instead of letting the check silently pass every row.
 */
export class CheckParamsError extends CodedError<CheckParamsErrorCode> {
  /** The check (`french-siren-value`), the parameter (`column`) and the schema it sits in. */
  readonly check: string;
  readonly param: string;
  readonly schemaName: string | undefined;
  constructor(check: string, param: string, context: CheckContext, problem: string) {
    const schemaName = typeof context.schema.name === "string" ? context.schema.name : undefined;
    const where = schemaName === undefined ? "" : ` in schema "${schemaName}"`;
    super({ code: "check-error", message: `custom check "${check}"${where}: parameter "${param}" ${problem}`, hint: `fix its "params" in the schema's "custom_checks"` });
    this.name = "CheckParamsError";
    this.check = check;
    this.param = param;
    this.schemaName = schemaName;
  }
}

/** The column named by `params[param]`, which must be a field of the schema being validated. */
export function columnParam(check: string, params: Record<string, unknown>, param: string, context: CheckContext): string {
  const value = params[param];
  if (typeof value !== "string" || value === "") {
    throw new CheckParamsError(check, param, context, "is required and must be a field name");
  }
  if (!context.schema.fields.some((field) => field.name === value)) {
    throw new CheckParamsError(check, param, context, `names "${value}", which is not a field of the schema`);
  }
  return value;
}

/**
 * Where `column` (a field of the schema, see `columnParam`) sits: its index among the schema's
 * fields, the first of that name, for `CheckRow.at` on every row without a lookup by name.
 */
export function columnPosition(context: CheckContext, column: string): number {
  return context.schema.fields.findIndex((field) => field.name === column);
}

/** A plain string parameter (a resource or a field of another resource), with its default. */
export function stringParam(
  check: string,
  params: Record<string, unknown>,
  param: string,
  context: CheckContext,
  fallback?: string,
): string {
  const value = params[param] ?? fallback;
  if (typeof value !== "string" || value === "") {
    throw new CheckParamsError(check, param, context, "is required and must be a non-empty string");
  }
  return value;
}

/** A non-negative number parameter, with its default. */
export function numberParam(
  check: string,
  params: Record<string, unknown>,
  param: string,
  context: CheckContext,
  fallback: number,
): number {
  const value = params[param] ?? fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new CheckParamsError(check, param, context, "must be a non-negative number");
  }
  return value;
}
