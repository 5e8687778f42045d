import type { Schema } from "../descriptor/types.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";
import type { ValidationError } from "../errors/types.ts";
import { compileField, type CompileOptions } from "./compile-field.ts";
import type { CompiledField, CompiledSchema } from "./types.ts";

/**
 * Compiles every field of a (normalised) schema. Throws one DescriptorError listing every field
 * that cannot be used. With duplicate names (allowed in v1) `field(name)` returns the first.
 *
 * Fields alike but for their name share one compiled field's parsers: a table of 200,000
 * inferred columns compiled each field anew in 11 s and 720 MB (3.6 kB a field).
 */
export function compileSchema(schema: Schema, options: CompileOptions = {}): CompiledSchema {
  const fields: CompiledField[] = [];
  const errors: ValidationError[] = [];
  const alike = new Map<string, CompiledField>();
  schema.fields.forEach((field, index) => {
    const { name: _, ...shape } = field;
    const key = JSON.stringify(shape);
    const twin = alike.get(key);
    if (twin !== undefined) {
      fields.push({ ...twin, name: field.name, index, descriptor: field });
      return;
    }
    try {
      const compiled = compileField(field, schema, index, options);
      alike.set(key, compiled);
      fields.push(compiled);
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
