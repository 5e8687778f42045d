import type { ForeignKey, Resource } from "../descriptor/types.ts";
import { createError, describeThrown } from "../errors/index.ts";
import type { CompiledSchema } from "../field/index.ts";
import { TableReadError } from "../table/read-error.ts";
import { KeyHashSet } from "./key-hash-set.ts";
import { keyTypesMatch } from "./key-set.ts";
import type { ForeignKeyCheck } from "./key-checks.ts";
import { ReferenceIndexes } from "./reference-index.ts";
import type { TableToCheck } from "./row-strategy.ts";
import { findResource } from "./table-context.ts";

/**
 * The schema's foreign keys, each with the key set of the table it references, read before
 * the rows. A reference that cannot be checked is left out: with a warning when only a
 * package validation could read its table, with a `resource-error` when that table is unreadable.
 */
export async function resolveForeignKeys(table: TableToCheck, compiled: CompiledSchema): Promise<ForeignKeyCheck[]> {
  const references = table.context.references ?? new ReferenceIndexes(table.basePath, table.options.signal);
  const result: ForeignKeyCheck[] = [];
  for (const fk of compiled.schema.foreignKeys ?? []) {
    const check = await resolveForeignKey(table, compiled, fk, references);
    if (check) result.push(check);
  }
  return result;
}

async function resolveForeignKey(table: TableToCheck, compiled: CompiledSchema, fk: ForeignKey, references: ReferenceIndexes): Promise<ForeignKeyCheck | undefined> {
  const { resource, context } = table;
  const fields = fk.fields.map((name) => compiled.field(name));
  if (fields.some((field) => field === undefined)) return undefined;
  const target = fk.reference.resource;
  const self = target === undefined || target === "" || target === resource.name;
  const shape = { fieldNames: fk.fields, referenceName: self ? "" : (target as string), referenceFieldNames: fk.reference.fields };
  const types = fields.map((field) => field?.type);
  // Keys of types that can never be equal match nothing: every reference fails, as in frictionless-py.
  const lookup = (referenced: Resource): Promise<KeyHashSet> =>
    keysNeverMatch(types, referenced, fk.reference.fields) ? Promise.resolve(new KeyHashSet()) : references.get(referenced, fk.reference.fields);
  if (self) {
    if (fk.reference.fields.some((name) => compiled.field(name) === undefined)) return undefined;
    // As frictionless-py: the table's own keys are read first, so that a row may reference a
    // later one and the errors still come in row order (and stop at the error limit in order).
    try {
      return { ...shape, index: await lookup(resource) };
    } catch (cause) {
      // The table's own read reports why it cannot be read.
      if (!(cause instanceof TableReadError)) throw cause;
      return undefined;
    }
  }
  if (context.package === undefined) {
    table.warnings.push(`foreign key "${fk.fields.join(", ")}" references the resource "${target}", which only a package validation can read: not checked`);
    return undefined;
  }
  try {
    return { ...shape, index: await lookup(findResource(context.package, target as string)) };
  } catch (cause) {
    table.options.signal?.throwIfAborted();
    const why = cause instanceof TableReadError ? cause.error.message : describeThrown(cause).message;
    table.errors.push(
      createError("resource-error", {
        fieldNames: fk.fields,
        referenceName: target as string,
        referenceFieldNames: fk.reference.fields,
        note: `the lookup table "${target}" could not be read, so foreign key "${fk.fields.join(", ")}" was not checked: ${why}`,
      }),
    );
    return undefined;
  }
}

/** Whether a key of these types can never equal the referenced fields' values (their types declared). */
function keysNeverMatch(types: readonly (string | undefined)[], referenced: Resource, names: readonly string[]): boolean {
  const referencedTypes = names.map((name) => referenced.schema?.fields.find((field) => field.name === name)?.type);
  return referencedTypes.every((type) => type !== undefined) && !keyTypesMatch(types, referencedTypes);
}
