import type { Schema } from "../descriptor/types.ts";

/**
 * A schema as we write it, read alike by Data Package v1 and v2 readers. A self-referencing
 * foreign key gets `"resource": ""`: v1 readers (datapackage-js, tableschema-js, frictionless-py 4)
 * require the property and read "" as this resource, and the v2 spec tells readers to take ""
 * as the omitted property (its Backward Compatibility note), where a v2 key without it makes v1
 * readers refuse the whole schema. Our own loader reads both.
 */
export function interoperableSchema(schema: Schema): Schema {
  if (!schema.foreignKeys?.some((fk) => fk.reference.resource === undefined)) return schema;
  return {
    ...schema,
    foreignKeys: schema.foreignKeys.map((fk) => (fk.reference.resource === undefined ? { ...fk, reference: { resource: "", fields: fk.reference.fields } } : fk)),
  };
}
