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

/**
 * `codePointLength` is never more than the number of UTF-16 units: a text within a maximum by
 * its length alone needs no counting (a 5,000-character bound on every row's description would
 * otherwise read every character), and one shorter than a minimum fails without counting.
 */
function maxCodePoints(text: string, max: number): boolean {
  return text.length <= max || codePointLength(text) <= max;
}

function minCodePoints(text: string, min: number): boolean {
  return text.length >= min && codePointLength(text) >= min;
}

/** Up to this many allowed texts, an enum compares a text with each of them. */
const FEW_TEXTS = 16;

function isOneOf(text: string, texts: readonly string[]): boolean {
  for (let k = 0; k < texts.length; k++) if (texts[k] === text) return true;
  return false;
}

/** A constraint on values that are not missing: whether a value passes, and what it broke when it did not. */
interface Check {
  passes: (value: unknown) => boolean;
  /** Called right after `passes` returned false (a JSON Schema's note quotes that call's errors). */
  failure: () => ConstraintFailure;
}

/** One predicate for all of a field's value constraints: the first one itself when it is alone. */
function allPass(checks: readonly Check[]): ((value: unknown) => boolean) | undefined {
  if (checks.length === 0) return undefined;
  const [a, b] = checks.map((check) => check.passes) as [(value: unknown) => boolean, (value: unknown) => boolean];
  if (checks.length === 1) return a;
  if (checks.length === 2) return (value) => a(value) && b(value);
  return (value) => {
    for (let i = 0; i < checks.length; i++) if (!(checks[i] as Check).passes(value)) return false;
    return true;
  };
}

/** The order in which frictionless-py tries constraints (its types' `supported_constraints`), v2 ones where they fit. */
const CHECK_ORDER = ["required", "unique", "minLength", "maxLength", "pattern", ...ORDERED, "enum", "jsonSchema"];

export interface CompiledConstraints {
  /** The first failing constraint, in frictionless-py's order: the per-row hot path. */
  first: (value: unknown) => ConstraintFailure | undefined;
  /** Every failing constraint, in that order: frictionless-py reports each one. */
  failures: (value: unknown) => ConstraintFailure[];
  /** Whether a missing value breaks `required`. */
  required: boolean;
  /**
   * Whether a value that is not missing passes every constraint, in one call where one
   * constraint applies (most fields); undefined when none applies, so that no call is needed.
   */
  passes: ((value: unknown) => boolean) | undefined;
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
    const add = (passes: (value: unknown) => boolean): void => {
      checks.push({ passes, failure: () => failure });
    };
    if (name === "required") {
      if (raw === true) required = failure;
    } else if (name === "enum") {
      if (!Array.isArray(raw)) throw new FieldDefinitionError('constraint "enum" must be an array of allowed values', at);
      const allowed = new Set(raw.map((v, i) => {
        const value = castConstraintValue(v);
        if (value === CAST_FAILED) throw new FieldDefinitionError(`enum value ${JSON.stringify(v)} is not a valid "${field.type}"`, `${at}/${i}`);
        return valueKey(value);
      }));
      // A text is compared with the few allowed texts one by one: hashing it for the Set (a cell, never hashed before) costs more.
      const texts = [...allowed].filter((key): key is string => typeof key === "string");
      const inSet = (value: unknown): boolean => allowed.has(typeof value === "object" || typeof value === "bigint" ? valueKey(value) : value);
      add(texts.length > FEW_TEXTS ? inSet : (value) => (typeof value === "string" ? isOneOf(value, texts) : inSet(value)));
    } else if (name === "pattern") {
      if (typeof raw !== "string") throw new FieldDefinitionError('constraint "pattern" must be a string', at);
      const re = compilePattern(raw);
      add((value) => re.test(value as string));
    } else if (name === "minLength" || name === "maxLength") {
      if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) throw new FieldDefinitionError(`constraint "${name}" must be a non-negative integer`, at);
      if (field.type === "string") {
        add(name === "minLength" ? (value) => minCodePoints(value as string, raw) : (value) => maxCodePoints(value as string, raw));
        continue;
      }
      const size = codec.length ?? ((v: unknown) => codePointLength(String(v)));
      add(name === "minLength" ? (value) => size(value) >= raw : (value) => size(value) <= raw);
    } else if (ORDERED.includes(name)) {
      const compare = codec.compare;
      const bound = castConstraintValue(raw);
      if (bound === CAST_FAILED || !compare) {
        throw new FieldDefinitionError(`constraint "${name}" is ${JSON.stringify(raw)}, which is not a valid "${field.type}" value`, at);
      }
      if (typeof bound === "number" || typeof bound === "bigint") {
        // Numbers (and bigints) compare directly: the hot path of amount and rate bounds.
        const b = bound as number;
        add(name === "minimum" ? (value) => (value as number) >= b
          : name === "maximum" ? (value) => (value as number) <= b
            : name === "exclusiveMinimum" ? (value) => (value as number) > b
              : (value) => (value as number) < b);
        continue;
      }
      const ok: (c: number) => boolean = name === "minimum" ? (c) => c >= 0 : name === "maximum" ? (c) => c <= 0
        : name === "exclusiveMinimum" ? (c) => c > 0 : (c) => c < 0;
      add((value) => ok(compare(value, bound)));
    } else if (name === "jsonSchema") {
      if (typeof raw !== "object" || raw === null) throw new FieldDefinitionError('constraint "jsonSchema" must be a JSON Schema object', at);
      const validate = compileJsonSchema(raw);
      checks.push({
        passes: (value) => validate(value) as boolean,
        failure: () => ({ constraint: name, note: `${failure.note}: ${validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ") ?? ""}` }),
      });
    }
  }

  const failures = (value: unknown): ConstraintFailure[] => {
    if (value === null) return required ? [required] : [];
    const found: ConstraintFailure[] = [];
    for (const check of checks) if (!check.passes(value)) found.push(check.failure());
    return found;
  };
  const flags = { required: required !== undefined, passes: allPass(checks) };
  if (checks.length === 0) return { first: required ? (value) => (value === null ? required : undefined) : () => undefined, failures, ...flags };
  const first = (value: unknown): ConstraintFailure | undefined => {
    if (value === null) return required;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i] as Check;
      if (!check.passes(value)) return check.failure();
    }
    return undefined;
  };
  return { first, failures, ...flags };
}
