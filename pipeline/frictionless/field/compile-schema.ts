import type { Schema } from "../descriptor/types.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";
import type { ValidationError } from "../errors/types.ts";
import { compileField, type CompileOptions } from "./compile-field.ts";
import type { CompiledField, CompiledSchema } from "./types.ts";

/**
 * Compiles every field of a (normalised) schema. Throws one DescriptorError listing every field
 * that cannot be used. With duplicate names (allowed in v1) `field(name)` returns the first.
 */
export function compileSchema(schema: Schema, options: CompileOptions = {}): CompiledSchema {
  const fields: CompiledField[] = [];
  const errors: ValidationError[] = [];
  schema.fields.forEach((field, index) => {
    try {
      fields.push(compileField(field, schema, index, options));
    } catch (error) {
      if (error instanceof DescriptorError) errors.push(...error.errors);
      else throw error;
    }
  });
  if (errors.length > 0) throw new DescriptorError(errors);
  const byName = new Map<string, CompiledField>();
  for (const field of fields) if (!byName.has(field.name)) byName.set(field.name, field);
  return { schema, fields, field: (name) => byName.get(name) };
}
