import type { Resource, Schema } from "../descriptor/types.ts";
import { CAST_FAILED, compileSchema, type CompiledSchema } from "../field/index.ts";
import { matchHeader } from "./header-check.ts";
import { openResource } from "./open-resource.ts";

/**
 * A schema for a table that declares none: one `any` field per label (structure checks only; we
 * infer no types), named as frictionless-py names them: a blank label is `field<n>`, a repeated
 * one gets its count (`nom2`). Without labels, `field1`..`field<width>` for the first row's width.
 */
export function schemaFromLabels(labels: readonly string[], width = 0): Schema {
  const names = labels.length > 0 ? labels.map((label, k) => label.replace(/\n/g, " ").trim() || `field${k + 1}`) : Array.from({ length: width }, (_, k) => `field${k + 1}`);
  const seen = new Map<string, number>();
  const fields = names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return { name: count > 1 ? `${name}${count}` : name, type: "any" as const };
  });
  return { fields, missingValues: [""] };
}

/**
 * A resource's rows as logical values by field position (cells that do not cast read as null),
 * for foreign-key indexes and cross-table custom checks. Errors are not reported here: the
 * resource's own task reports them.
 */
export async function* readLogicalRows(
  resource: Resource,
  basePath: string,
): AsyncGenerator<{ compiled: CompiledSchema; rowNumber: number; values: unknown[] }> {
  const table = await openResource(resource, basePath);
  const compiled = compileSchema(resource.schema ?? schemaFromLabels(table.labels, table.firstRowWidth));
  const names = compiled.fields.map((field) => field.name);
  const { columns } = matchHeader(table.labels, names, compiled.schema.fieldsMatch, table.headerRowNumbers.length > 0);
  for await (const batch of table.batches) {
    for (const row of batch) {
      const values = compiled.fields.map((field, f) => {
        const column = columns[f] as number;
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
