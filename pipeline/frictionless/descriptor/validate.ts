import { createError } from "../errors/create-error.ts";
import { encodingName } from "../table/decode.ts";
import type { ValidationError } from "../errors/types.ts";
import { normalisePackage, normaliseSchema } from "./upgrade-to-v2.ts";
import { unsafePathReason } from "./path-safety.ts";
import { profileErrors } from "./profile-validator.ts";
import { schemaChecks } from "./schema-checks.ts";
import type { Package, Resource, Schema } from "./types.ts";

/**
 * Descriptor validation: our profile, then the checks a JSON Schema cannot express. Returns
 * every problem as a ValidationError with its code and JSON path (prefixed with `prefix` when
 * the descriptor sits inside another one). Schema/dialect references given as paths are only
 * checked for safety here; the loaders resolve them.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function notAnObject(kind: string, value: unknown, prefix: string): ValidationError[] {
  return [createError(`${kind}-error`, { note: `the ${kind} descriptor must be a JSON object, not ${Array.isArray(value) ? "an array" : JSON.stringify(value) ?? String(value)}`, jsonPath: prefix })];
}

function fieldIndexesWithErrors(errors: readonly ValidationError[], prefix: string): Set<number> {
  const out = new Set<number>();
  for (const e of errors) {
    const m = e.jsonPath?.startsWith(`${prefix}/fields/`) ? /^\/(\d+)/.exec(e.jsonPath.slice(prefix.length + "/fields".length)) : null;
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/**
 * A string field with a strptime pattern as format is a field-error, as in frictionless-py 5 (its
 * string profile lists the formats) and the v2 profile: the note adds that a date wants type "date".
 */
function withDateHint(errors: ValidationError[], fields: unknown, prefix: string): ValidationError[] {
  if (!Array.isArray(fields)) return errors;
  return errors.map((error) => {
    const field: unknown = fields.find((_, k) => error.jsonPath === `${prefix}/fields/${k}/format`);
    if (!isObject(field) || field.type !== "string" || typeof field.format !== "string" || !field.format.includes("%")) return error;
    const { type, title, description, message: _message, tags: _tags, ...props } = error;
    const note = `${error.note}: a value written "${field.format}" is a date or a time: declare "type": "date" (or "datetime", "time") with this format`;
    return createError(type, { ...props, title, description, note });
  });
}

export function validateSchemaDescriptor(descriptor: unknown, prefix = ""): ValidationError[] {
  if (!isObject(descriptor)) return notAnObject("schema", descriptor, prefix);
  const errors = withDateHint(profileErrors("schema", descriptor, prefix), descriptor.fields, prefix);
  if (!Array.isArray(descriptor.fields) || errors.some((e) => e.jsonPath === `${prefix}/fields` || e.jsonPath === prefix)) return errors;
  const skip = fieldIndexesWithErrors(errors, prefix);
  const keysBroken = errors.some((e) => /\/(primaryKey|uniqueKeys|foreignKeys)(\/|$)/.test(e.jsonPath ?? ""));
  const schema = normaliseSchema(descriptor);
  const checks = schemaChecks(keysBroken ? { ...schema, primaryKey: undefined, uniqueKeys: undefined, foreignKeys: undefined } : schema, descriptor, prefix, skip);
  return [...errors, ...checks];
}

export function validateDialectDescriptor(descriptor: unknown, prefix = ""): ValidationError[] {
  if (!isObject(descriptor)) return notAnObject("dialect", descriptor, prefix);
  const errors = profileErrors("dialect", descriptor, prefix);
  if (descriptor.escapeChar !== undefined && descriptor.quoteChar !== undefined && descriptor.quoteChar !== "") {
    errors.push(createError("dialect-error", { note: '"escapeChar" and "quoteChar" cannot both be set: keep one of them', jsonPath: `${prefix}/escapeChar` }));
  }
  return errors;
}

function pathErrors(path: unknown, at: string): ValidationError[] {
  const paths = typeof path === "string" ? [path] : Array.isArray(path) ? path.filter((p): p is string => typeof p === "string") : [];
  const errors: ValidationError[] = [];
  paths.forEach((p, i) => {
    const reason = unsafePathReason(p);
    if (reason) errors.push(createError("resource-error", { note: `path "${p}" is not safe: ${reason}; use a relative path inside the package or an http(s) URL`, jsonPath: Array.isArray(path) ? `${at}/${i}` : at }));
  });
  if (Array.isArray(path) && paths.length > 1) {
    const remote = paths.filter((p) => /^(?:https?|ftps?):\/\//i.test(p)).length;
    if (remote > 0 && remote < paths.length) errors.push(createError("resource-error", { note: "a multipart path cannot mix URLs and local paths: use only one kind", jsonPath: at }));
  }
  return errors;
}


export function validateResourceDescriptor(descriptor: unknown, prefix = ""): ValidationError[] {
  if (!isObject(descriptor)) return notAnObject("resource", descriptor, prefix);
  const errors = profileErrors("resource", descriptor, prefix);
  const hasPath = descriptor.path !== undefined || descriptor.url !== undefined;
  const hasData = descriptor.data !== undefined;
  if (hasPath === hasData) {
    errors.push(createError("resource-error", {
      note: hasPath ? 'a resource has either "path" or "data", not both: remove one' : 'a resource needs "path" (a file or URL) or "data" (inline rows): add one',
      jsonPath: prefix,
    }));
  }
  if (typeof descriptor.data === "string" && descriptor.format === undefined && descriptor.mediatype === undefined) {
    errors.push(createError("resource-error", { note: 'inline "data" given as a string needs its "format" (e.g. "csv") or "mediatype"', jsonPath: `${prefix}/data` }));
  }
  errors.push(...misplacedSchemaProperties(descriptor, "resource", prefix));
  const pathKey = descriptor.path !== undefined ? "path" : "url";
  errors.push(...pathErrors(descriptor[pathKey], `${prefix}/${pathKey}`));
  if (typeof descriptor.encoding === "string" && encodingName(descriptor.encoding) === undefined) {
    errors.push(createError("resource-error", { note: `encoding "${descriptor.encoding}" is not supported: use an IANA name such as "utf-8", "windows-1252" or "iso-8859-1"`, jsonPath: `${prefix}/encoding` }));
  }
  for (const key of ["schema", "dialect"] as const) {
    const value = descriptor[key];
    if (typeof value === "string") {
      const reason = unsafePathReason(value);
      if (reason) errors.push(createError("resource-error", { note: `${key} path "${value}" is not safe: ${reason}`, jsonPath: `${prefix}/${key}` }));
    } else if (isObject(value)) {
      errors.push(...(key === "schema" ? validateSchemaDescriptor(value, `${prefix}/schema`) : validateDialectDescriptor(value, `${prefix}/dialect`)));
    }
  }
  return errors;
}

function foreignKeyErrors(pkg: Package, prefix: string): ValidationError[] {
  const errors: ValidationError[] = [];
  const byName = new Map<string, Resource>();
  for (const r of pkg.resources) if (typeof r.name === "string" && !byName.has(r.name)) byName.set(r.name, r);
  pkg.resources.forEach((resource, r) => {
    const schema = resource.schema;
    if (!isObject(schema)) return;
    (schema as Schema).foreignKeys?.forEach((fk, k) => {
      const name = fk.reference.resource;
      if (name === undefined) return;
      const at = `${prefix}/resources/${r}/schema/foreignKeys/${k}/reference`;
      const target = byName.get(name);
      if (!target) {
        errors.push(createError("package-error", { note: `foreign key refers to resource "${name}", which is not in the package: use one of ${[...byName.keys()].map((n) => `"${n}"`).join(", ")}`, jsonPath: `${at}/resource` }));
        return;
      }
      if (!isObject(target.schema)) return;
      const names = new Set((target.schema as Schema).fields.map((f) => f.name));
      fk.reference.fields.forEach((field, i) => {
        if (!names.has(field)) errors.push(createError("package-error", { note: `foreign key refers to field "${field}", which resource "${name}" does not have`, jsonPath: `${at}/fields/${i}` }));
      });
    });
  });
  return errors;
}

/** Schema properties written on the package or resource, where frictionless-py (rightly) refuses them: they would silently not apply. */
function misplacedSchemaProperties(descriptor: Json, kind: "package" | "resource", prefix: string): ValidationError[] {
  return ["missingValues", "fields"]
    .filter((name) => name in descriptor)
    .map((name) => createError(`${kind}-error`, { note: `"${name}" should be set as "resource.schema.${name}"`, jsonPath: `${prefix}/${name}` }));
}

export function validatePackageDescriptor(descriptor: unknown, prefix = ""): ValidationError[] {
  if (!isObject(descriptor)) return notAnObject("package", descriptor, prefix);
  const errors = profileErrors("package", descriptor, prefix);
  errors.push(...misplacedSchemaProperties(descriptor, "package", prefix));
  if (!Array.isArray(descriptor.resources)) return errors;
  const seen = new Map<string, number>();
  descriptor.resources.forEach((resource, i) => {
    errors.push(...validateResourceDescriptor(resource, `${prefix}/resources/${i}`));
    const name = isObject(resource) ? resource.name : undefined;
    if (typeof name !== "string") return;
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push(createError("package-error", { note: `resource name "${name}" is already used by resource ${first}: resource names must be unique`, jsonPath: `${prefix}/resources/${i}/name` }));
    } else seen.set(name, i);
  });
  if (errors.length === 0) errors.push(...foreignKeyErrors(normalisePackage(descriptor), prefix));
  return errors;
}
