import { compileField } from "../field/compile-field.ts";
import { CAST_FAILED } from "../field/types.ts";
import { valueKey } from "../field/value-key.ts";
import { createError } from "../errors/create-error.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";
import type { ValidationError } from "../errors/types.ts";
import type { Field, Schema } from "./types.ts";

/**
 * What a JSON Schema cannot express about a (normalised) Table Schema: keys naming unknown
 * fields, keys of different lengths, fields whose options cannot be compiled (bad regexp,
 * unknown strptime directive, constraint the type does not support), enum outside categories.
 * `skipFields` are field indexes that already failed their profile.
 */

/**
 * As frictionless-py 5: only a field-level `required` is refused (it reads as the constraint but
 * would silently not apply). Other keys, `pattern` or `enum` among them, are properties a field
 * may carry (the v2 spec allows any): they are not constraints and are not enforced.
 */
const MISPLACED_CONSTRAINTS = ["required"];

function fieldList(names: Iterable<string>): string {
  const list = [...names];
  return list.length > 12 ? `${list.slice(0, 12).join(", ")}, ...` : list.join(", ");
}

function fieldChecks(schema: Schema, prefix: string, skip: ReadonlySet<number>): ValidationError[] {
  const errors: ValidationError[] = [];
  schema.fields.forEach((field: Field, index) => {
    if (skip.has(index)) return;
    const at = `${prefix}/fields/${index}`;
    for (const name of MISPLACED_CONSTRAINTS) {
      if (name in field) {
        errors.push(createError("field-error", { note: `"${name}" should be set as "constraints.${name}"`, jsonPath: `${at}/${name}`, fieldName: field.name }));
      }
    }
    if (field.categories !== undefined && field.type !== "string" && field.type !== "integer") {
      errors.push(createError("field-error", { note: `"categories" is only allowed for string and integer fields, not "${field.type}"`, jsonPath: `${at}/categories`, fieldName: field.name }));
    }
    let compiled;
    try {
      compiled = compileField(field, schema, index);
    } catch (error) {
      if (!(error instanceof DescriptorError)) throw error;
      for (const e of error.errors) errors.push({ ...e, jsonPath: prefix + (e.jsonPath ?? ""), message: e.message.replace(`(at "${e.jsonPath}")`, `(at "${prefix}${e.jsonPath}")`) });
      return;
    }
    // As frictionless-py: an example (when not empty) must read as a value of its field.
    const example: unknown = field.example;
    if (example !== undefined && example !== null && example !== "" && example !== false && example !== 0 && compiled.cast(example) === CAST_FAILED) {
      errors.push(createError("field-error", { note: `example value "${String(example)}" for field "${field.name}" is not valid`, jsonPath: `${at}/example`, fieldName: field.name }));
    }
    const enumValues = field.constraints?.enum;
    if (Array.isArray(field.categories) && Array.isArray(enumValues)) {
      const categories = new Set(field.categories.map((c) => valueKey(compiled.cast(typeof c === "object" && c !== null ? c.value : c))));
      enumValues.forEach((value, i) => {
        const cast = compiled.cast(value);
        if (cast === CAST_FAILED || !categories.has(valueKey(cast))) {
          errors.push(createError("field-error", { note: `enum value ${JSON.stringify(value)} is not one of the field's categories: an enum must be a subset of the categories`, jsonPath: `${at}/constraints/enum/${i}`, fieldName: field.name }));
        }
      });
    }
  });
  return errors;
}

function unknownFieldErrors(names: readonly string[], known: ReadonlySet<string>, jsonPath: (i: number) => string, what: string): ValidationError[] {
  const errors: ValidationError[] = [];
  names.forEach((name, i) => {
    if (!known.has(name)) {
      errors.push(createError("schema-error", { note: `${what} field "${name}" is not in the schema: use one of the field names (${fieldList(known)})`, jsonPath: jsonPath(i) }));
    }
  });
  return errors;
}

/**
 * @param raw the descriptor before normalisation, so that paths point where the user wrote things
 *   (a v1 string primaryKey is `/primaryKey`, not `/primaryKey/0`).
 */
export function schemaChecks(schema: Schema, raw: Record<string, unknown>, prefix = "", skipFields: ReadonlySet<number> = new Set()): ValidationError[] {
  const errors = fieldChecks(schema, prefix, skipFields);
  const known = new Set(schema.fields.map((f) => f.name));
  if (schema.primaryKey) {
    const single = typeof raw.primaryKey === "string";
    errors.push(...unknownFieldErrors(schema.primaryKey, known, (i) => `${prefix}/primaryKey${single ? "" : `/${i}`}`, "primary key"));
  }
  schema.uniqueKeys?.forEach((key, k) => errors.push(...unknownFieldErrors(key, known, (i) => `${prefix}/uniqueKeys/${k}/${i}`, "unique key")));
  schema.foreignKeys?.forEach((fk, k) => {
    const at = `${prefix}/foreignKeys/${k}`;
    errors.push(...unknownFieldErrors(fk.fields, known, (i) => `${at}/fields/${i}`, "foreign key"));
    if (fk.fields.length !== fk.reference.fields.length) {
      errors.push(createError("schema-error", {
        note: `foreign key has ${fk.fields.length} field(s) but its reference has ${fk.reference.fields.length}: "fields" and "reference.fields" must have the same length`,
        jsonPath: `${at}/reference/fields`,
      }));
    }
    if (fk.reference.resource === undefined) {
      errors.push(...unknownFieldErrors(fk.reference.fields, known, (i) => `${at}/reference/fields/${i}`, "self-referenced"));
    }
  });
  return errors;
}
