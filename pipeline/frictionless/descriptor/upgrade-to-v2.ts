import type { Dialect, Field, ForeignKey, Package, Resource, Schema } from "./types.ts";
import { missingValueStrings } from "../field/missing-values.ts";
import { normaliseFormat } from "../field/compile-field.ts";

/**
 * v0/v1 → v2 shapes (docs/table-schema-notes.md §3), on descriptors that passed their profile:
 * string keys become arrays, `url` becomes `path`, `profile: tabular-data-resource` becomes
 * `type: table`, `reference.resource: ""` becomes a self-reference, a field without type is
 * `any`, `fmt:` prefixes go, missing values default to `[""]`, `role` becomes `roles`.
 * Returns new objects; unknown properties are kept.
 */

type Json = Record<string, unknown>;

const asArray = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : typeof value === "string" ? [value] : []);

export function normaliseField(field: Json): Field {
  const out: Json = { ...field, type: field.type ?? "any" };
  if (field.format !== undefined) out.format = normaliseFormat(field.format);
  const missing = missingValueStrings(field.missingValues);
  if (missing) out.missingValues = missing;
  return out as unknown as Field;
}

function normaliseForeignKey(fk: Json): ForeignKey {
  const reference = (fk.reference ?? {}) as Json;
  const out: Json = { ...fk, fields: asArray(fk.fields), reference: { ...reference, fields: asArray(reference.fields) } };
  const ref = out.reference as Json;
  if (ref.resource === "" || ref.resource === null) delete ref.resource;
  return out as unknown as ForeignKey;
}

export function normaliseSchema(schema: Json): Schema {
  const out: Json = { ...schema };
  out.fields = Array.isArray(schema.fields) ? (schema.fields as Json[]).map(normaliseField) : [];
  out.missingValues = missingValueStrings(schema.missingValues) ?? [""];
  if (schema.primaryKey !== undefined) out.primaryKey = asArray(schema.primaryKey);
  if (Array.isArray(schema.foreignKeys)) out.foreignKeys = (schema.foreignKeys as Json[]).map(normaliseForeignKey);
  return out as unknown as Schema;
}

export function normaliseDialect(dialect: Json): Dialect {
  return { ...dialect } as Dialect;
}

const TABULAR_PROFILES = new Set(["tabular-data-resource", "https://specs.frictionlessdata.io/schemas/tabular-data-resource.json"]);

export function normaliseResource(resource: Json): Resource {
  const out: Json = { ...resource };
  if (out.path === undefined && out.url !== undefined) {
    out.path = out.url;
    delete out.url;
  }
  if (out.type === undefined && typeof out.profile === "string" && (TABULAR_PROFILES.has(out.profile) || out.profile.endsWith("/tabular-data-resource.json"))) {
    out.type = "table";
  }
  if (typeof resource.schema === "object" && resource.schema !== null) out.schema = normaliseSchema(resource.schema as Json);
  if (typeof resource.dialect === "object" && resource.dialect !== null) out.dialect = normaliseDialect(resource.dialect as Json);
  return out as unknown as Resource;
}

export function normalisePackage(pkg: Json): Package {
  const out: Json = { ...pkg };
  out.resources = Array.isArray(pkg.resources) ? (pkg.resources as Json[]).map(normaliseResource) : [];
  if (Array.isArray(pkg.contributors)) {
    out.contributors = (pkg.contributors as Json[]).map((c) => {
      if (c.roles !== undefined || typeof c.role !== "string") return c;
      const { role, ...rest } = c;
      return { ...rest, roles: [role] };
    });
  }
  return out as unknown as Package;
}
