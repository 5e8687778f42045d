import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import type { Constraints, Field, FieldType } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { compilePattern } from "./pattern.ts";
import { CAST_FAILED, type ConstraintFailure } from "./types.ts";
import { valueKey } from "./value-key.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * Field constraints, prepared once per field and tried on logical values. `unique` needs table
 * state and is checked by the table validator; it is only recognised here.
 */

const ORDERED = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
const LENGTH = ["minLength", "maxLength"];

/** Which constraints each type accepts (spec table; `unique`, `required`, `enum` apply to all). */
export const SUPPORTED_CONSTRAINTS: Readonly<Record<FieldType, readonly string[]>> = {
  string: [...LENGTH, "pattern"],
  number: ORDERED,
  integer: ORDERED,
  boolean: [],
  object: [...LENGTH, "jsonSchema"],
  array: [...LENGTH, "jsonSchema"],
  list: LENGTH,
  date: ORDERED,
  time: ORDERED,
  datetime: ORDERED,
  year: ORDERED,
  yearmonth: ORDERED,
  duration: ORDERED,
  geopoint: [],
  geojson: LENGTH,
  any: [],
};

export const KNOWN_CONSTRAINTS: readonly string[] = ["required", "unique", "enum", ...LENGTH, "pattern", ...ORDERED, "jsonSchema"];

/** Renders a constraint value the way frictionless-py's notes do (Python repr: `True`, `['a', 'b']`). */
export function pythonRepr(value: unknown, nested = false): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return nested ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : value;
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, true)).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${pythonRepr(k, true)}: ${pythonRepr(v, true)}`).join(", ")}}`;
  }
  return String(value);
}

function note(name: string, value: unknown): string {
  return `constraint "${name}" is "${pythonRepr(value)}"`;
}

let ajv: Ajv | undefined;

function compileJsonSchema(schema: unknown): ValidateFunction {
  // Loaded by the first jsonSchema constraint, not with the module: the validation's worker threads import
  // this module, and loading ajv cost each of them about 50 ms of CPU for a constraint tables seldom declare.
  ajv ??= new (createRequire(import.meta.url)("ajv") as typeof import("ajv")).Ajv({ strict: false, allErrors: false });
  try {
    return ajv.compile(schema as object);
  } catch (error) {
    throw new FieldDefinitionError(`constraint "jsonSchema" is not a usable JSON Schema (${describeThrown(error).message})`, "/constraints/jsonSchema");
  }
}

function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

type Check = (value: unknown) => ConstraintFailure | undefined;

/** The order in which frictionless-py tries constraints (its types' `supported_constraints`), v2 ones where they fit. */
const CHECK_ORDER = ["required", "unique", "minLength", "maxLength", "pattern", ...ORDERED, "enum", "jsonSchema"];

export interface CompiledConstraints {
  /** The first failing constraint, in frictionless-py's order: the per-row hot path. */
  first: (value: unknown) => ConstraintFailure | undefined;
  /** Every failing constraint, in that order: frictionless-py reports each one. */
  failures: (value: unknown) => ConstraintFailure[];
}

/**
 * @param castConstraintValue turns a constraint's JSON value (primitive or string in the field's
 *   lexical form) into a logical value, or CAST_FAILED.
 */
export function compileConstraints(
  field: Field,
  codec: Codec,
  castConstraintValue: (value: unknown) => unknown,
): CompiledConstraints {
  const constraints: Constraints = field.constraints ?? {};
  const supported = SUPPORTED_CONSTRAINTS[field.type] ?? [];
  const checks: Check[] = [];
  let required: ConstraintFailure | undefined;
  const entries = Object.entries(constraints).sort(([a], [b]) => CHECK_ORDER.indexOf(a) - CHECK_ORDER.indexOf(b));

  for (const [name, raw] of entries) {
    const at = `/constraints/${name}`;
    if (!KNOWN_CONSTRAINTS.includes(name)) continue;
    if (name !== "required" && name !== "unique" && name !== "enum" && !supported.includes(name)) {
      throw new FieldDefinitionError(`constraint "${name}" is not supported by type "${field.type}"`, at);
    }
    const failure: ConstraintFailure = { constraint: name, note: note(name, raw) };
    if (name === "required") {
      if (raw === true) required = failure;
    } else if (name === "enum") {
      if (!Array.isArray(raw)) throw new FieldDefinitionError('constraint "enum" must be an array of allowed values', at);
      const allowed = new Set(raw.map((v, i) => {
        const value = castConstraintValue(v);
        if (value === CAST_FAILED) throw new FieldDefinitionError(`enum value ${JSON.stringify(v)} is not a valid "${field.type}"`, `${at}/${i}`);
        return valueKey(value);
      }));
      checks.push((value) => (allowed.has(typeof value === "object" || typeof value === "bigint" ? valueKey(value) : value) ? undefined : failure));
    } else if (name === "pattern") {
      if (typeof raw !== "string") throw new FieldDefinitionError('constraint "pattern" must be a string', at);
      const re = compilePattern(raw);
      checks.push((value) => (re.test(value as string) ? undefined : failure));
    } else if (name === "minLength" || name === "maxLength") {
      if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) throw new FieldDefinitionError(`constraint "${name}" must be a non-negative integer`, at);
      const length = codec.length ?? ((v: unknown) => codePointLength(String(v)));
      const size = field.type === "string" ? (v: unknown) => codePointLength(v as string) : length;
      checks.push(name === "minLength"
        ? (value) => (size(value) >= raw ? undefined : failure)
        : (value) => (size(value) <= raw ? undefined : failure));
    } else if (ORDERED.includes(name)) {
      const compare = codec.compare;
      const bound = castConstraintValue(raw);
      if (bound === CAST_FAILED || !compare) {
        throw new FieldDefinitionError(`constraint "${name}" is ${JSON.stringify(raw)}, which is not a valid "${field.type}" value`, at);
      }
      if (typeof bound === "number" || typeof bound === "bigint") {
        // Numbers (and bigints) compare directly: the hot path of amount and rate bounds.
        const b = bound as number;
        checks.push(name === "minimum" ? (value) => ((value as number) >= b ? undefined : failure)
          : name === "maximum" ? (value) => ((value as number) <= b ? undefined : failure)
            : name === "exclusiveMinimum" ? (value) => ((value as number) > b ? undefined : failure)
              : (value) => ((value as number) < b ? undefined : failure));
        continue;
      }
      const ok: (c: number) => boolean = name === "minimum" ? (c) => c >= 0 : name === "maximum" ? (c) => c <= 0
        : name === "exclusiveMinimum" ? (c) => c > 0 : (c) => c < 0;
      checks.push((value) => (ok(compare(value, bound)) ? undefined : failure));
    } else if (name === "jsonSchema") {
      if (typeof raw !== "object" || raw === null) throw new FieldDefinitionError('constraint "jsonSchema" must be a JSON Schema object', at);
      const validate = compileJsonSchema(raw);
      checks.push((value) => (validate(value) ? undefined : {
        constraint: name,
        note: `${failure.note}: ${validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ") ?? ""}`,
      }));
    }
  }

  const failures = (value: unknown): ConstraintFailure[] => {
    if (value === null) return required ? [required] : [];
    return checks.map((check) => check(value)).filter((failure) => failure !== undefined);
  };
  if (checks.length === 0) return { first: required ? (value) => (value === null ? required : undefined) : () => undefined, failures };
  const first = (value: unknown): ConstraintFailure | undefined => {
    if (value === null) return required;
    for (let i = 0; i < checks.length; i++) {
      const failure = (checks[i] as Check)(value);
      if (failure) return failure;
    }
    return undefined;
  };
  return { first, failures };
}
