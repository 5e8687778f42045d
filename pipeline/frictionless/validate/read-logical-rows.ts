import type { Resource } from "../descriptor/types.ts";
import { CAST_FAILED, compileSchema, type CompiledSchema } from "../field/index.ts";
import { matchHeader } from "./header-check.ts";
import { inferSchema } from "./infer-schema.ts";
import { openResource } from "./open-resource.ts";

/**
 * A resource's rows as logical values by field position (cells that do not cast read as null),
 * for foreign-key indexes and cross-table custom checks. Errors are not reported here: the
 * resource's own task reports them. With `only`, the other fields are not cast (they read as null).
 */
export async function* readLogicalRows(
  resource: Resource,
  basePath: string,
  only?: readonly string[],
): AsyncGenerator<{ compiled: CompiledSchema; rowNumber: number; values: unknown[] }> {
  const table = await openResource(resource, basePath);
  const compiled = compileSchema(resource.schema ?? inferSchema(table.labels, table.sample));
  const names = compiled.fields.map((field) => field.name);
  const { columns } = matchHeader(table.labels, names, compiled.schema.fieldsMatch, table.headerRowNumbers.length > 0);
  // A foreign-key index needs its key fields only: the others are not cast.
  const read = only ? columns.map((column, f) => (only.includes(names[f] as string) ? column : -1)) : columns;
  for await (const batch of table.batches) {
    for (const row of batch) {
      const values = compiled.fields.map((field, f) => {
        const column = read[f] as number;
        if (column < 0 || column >= row.cells.length) return null;
        const value = field.cast(row.cells[column]);
        return value === CAST_FAILED ? null : value;
      });
      yield { compiled, rowNumber: row.rowNumber, values };
    }
  }
}

/** The same rows as records (field name → logical value), as `CheckContext.readRows` gives them. */
export async function* readRecords(resource: Resource, basePath: string): AsyncGenerator<Record<string, unknown>> {
  for await (const { compiled, values } of readLogicalRows(resource, basePath)) {
    const record: Record<string, unknown> = {};
    compiled.fields.forEach((field, f) => {
      record[field.name] ??= values[f];
    });
    yield record;
  }
}
