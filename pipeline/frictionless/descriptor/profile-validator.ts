import type { ErrorObject } from "ajv";
import { createError } from "../errors/create-error.ts";
import type { ValidationError } from "../errors/types.ts";
import * as compiled from "./profile-validators.generated.js";

/**
 * Runs our profiles (draft-07, ajv with strict: false, allErrors and ajv-formats), compiled
 * ahead into profile-validators.generated.js (see compile-profiles.ts), and turns ajv's raw
 * errors into one ValidationError per problem: if/then wrappers dropped, anyOf branches folded
 * into one "must be X or Y" message, duplicates removed.
 */

export type DescriptorKind = "package" | "resource" | "schema" | "dialect";

/** A compiled profile: true when the descriptor conforms, else false with ajv's errors in `errors`. */
type ProfileValidator = ((descriptor: unknown) => boolean) & { errors?: ErrorObject[] | null };

const VALIDATORS: Record<DescriptorKind, ProfileValidator> = {
  package: compiled.packageDescriptor,
  resource: compiled.resourceDescriptor,
  schema: compiled.schemaDescriptor,
  dialect: compiled.dialectDescriptor,
};

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

function propertyName(pointer: string): string {
  const last = pointer.split("/").pop() ?? "";
  return pointer === "" ? "the descriptor" : /^\d+$/.test(last) ? `item ${pointer}` : `"${last}"`;
}

function problem(error: ErrorObject, descriptor: unknown): { note: string; path: string } {
  const path = error.instancePath;
  const name = propertyName(path);
  const got = describe(valueAt(descriptor, path));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return { note: `property "${missing}" is required here: add it`, path: `${path}/${missing}` };
    }
    case "enum":
      return { note: `${name} is ${got}: use one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, path };
    case "const":
      return { note: `${name} is ${got}: it must be ${JSON.stringify(params.allowedValue)}`, path };
    case "type":
      return { note: `${name} is ${got}: it must be of type ${String(params.type).replace(",", " or ")}`, path };
    case "format":
      return { note: `${name} is ${got}: it must be a valid ${String(params.format)}`, path };
    case "pattern":
      return { note: `${name} is ${got}: it must match the pattern ${String(params.pattern)}`, path };
    case "minItems":
      return { note: `${name} must have at least ${String(params.limit)} item(s)`, path };
    case "minLength":
      return { note: `${name} must not be empty`, path };
    case "maxLength":
      return { note: `${name} is ${got}: it must be at most ${String(params.limit)} character(s) long`, path };
    case "minimum":
      return { note: `${name} is ${got}: it must be at least ${String(params.limit)}`, path };
    case "minProperties":
      return { note: `${name} is empty: give at least one property`, path };
    default:
      return { note: `${name} ${error.message ?? "is invalid"}`, path };
  }
}

function branchesOf(anyOf: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[] {
  const prefix = `${anyOf.schemaPath.slice(0, -"/anyOf".length)}/anyOf/`;
  return errors.filter((e) => e !== anyOf && e.schemaPath.startsWith(prefix));
}

function foldOne(anyOf: ErrorObject, branches: ErrorObject[], descriptor: unknown): { note: string; path: string }[] {
  const atSelf = branches.filter((e) => e.instancePath === anyOf.instancePath);
  const types = atSelf.filter((e) => e.keyword === "type").map((e) => String((e.params as { type: unknown }).type));
  const required = branches.filter((e) => e.keyword === "required").map((e) => String((e.params as { missingProperty: unknown }).missingProperty));
  const name = propertyName(anyOf.instancePath);
  const got = describe(valueAt(descriptor, anyOf.instancePath));
  if (types.length > 0 && types.length === atSelf.length) {
    return [{ note: `${name} is ${got}: it must be ${[...new Set(types)].join(" or ")}`, path: anyOf.instancePath }];
  }
  if (required.length > 0 && required.length === branches.length) {
    return [{ note: `${name} needs one of the properties ${required.map((r) => `"${r}"`).join(" or ")}`, path: anyOf.instancePath }];
  }
  // The value has a branch's shape but breaks one of its rules: report those rules.
  const deeper = branches.filter((e) => e.keyword !== "type" && e.keyword !== "anyOf");
  if (deeper.length > 0) return deeper.map((e) => problem(e, descriptor));
  return [{ note: `${name} is ${got}: it does not have any of the allowed shapes`, path: anyOf.instancePath }];
}

/** In ajv's order (branch errors come just before their anyOf error). */
function foldAnyOf(errors: ErrorObject[], descriptor: unknown): { note: string; path: string }[] {
  const inBranch = new Set<ErrorObject>();
  const branches = new Map<ErrorObject, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword !== "anyOf") continue;
    const list = branchesOf(error, errors);
    branches.set(error, list);
    list.forEach((e) => inBranch.add(e));
  }
  const out: { note: string; path: string }[] = [];
  for (const error of errors) {
    if (error.keyword === "anyOf" && !inBranch.has(error)) out.push(...foldOne(error, branches.get(error) ?? [], descriptor));
    else if (!inBranch.has(error) && error.keyword !== "if" && error.keyword !== "anyOf") out.push(problem(error, descriptor));
  }
  return out;
}

/**
 * Profile errors for a descriptor. `jsonPath`s are prefixed with `prefix` (the descriptor's place
 * in an enclosing package). Errors under `/fields/N` of a schema are `field-error`s.
 */
export function profileErrors(kind: DescriptorKind, descriptor: unknown, prefix = ""): ValidationError[] {
  const validate = VALIDATORS[kind];
  if (validate(descriptor)) return [];
  const code = `${kind}-error`;
  const seen = new Set<string>();
  const errors: ValidationError[] = [];
  for (const { note, path } of foldAnyOf(validate.errors ?? [], descriptor)) {
    const key = `${path}\u0000${note}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const type = kind === "schema" && /^\/fields\/\d+\//.test(`${path}/`) && path !== "/fields" ? "field-error" : code;
    errors.push(createError(type, { note, jsonPath: prefix + path }));
  }
  return errors;
}
