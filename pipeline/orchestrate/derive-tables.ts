import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { toScdlSubventions, type ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import { objectsToRows, rowsToObjects, type Table } from "../transform/table.ts";

export interface DerivedTables {
  /** One table per derived resource, in declaration order. */
  tables: Table[];
  /** Rows a derivation left out, and why (a lauréat the SCDL format cannot hold). */
  scdlExcluded: ScdlExclusion[];
}

/** The tables a declaration derives from the others (`derive: scdl-subventions`). */
export function deriveTables(declaration: Declaration, schemas: Readonly<Record<string, Schema>>, tables: readonly Table[]): DerivedTables {
  const derived: DerivedTables = { tables: [], scdlExcluded: [] };
  for (const resource of declaration.resources.filter((r) => r.derive === "scdl-subventions")) {
    const schema = schemas[resource.name];
    if (schema === undefined) throw new Error(`no schema loaded for resource "${resource.name}"`);
    const exported = toScdlSubventions({ appels: rowsOf(tables, "appels", resource), laureats: rowsOf(tables, "laureats", resource) });
    derived.scdlExcluded.push(...exported.excluded);
    derived.tables.push({ name: resource.name, schema, rows: objectsToRows(schema, exported.rows, `SCDL export "${resource.name}"`) });
  }
  return derived;
}

/** Derivations read tables by their conventional names; a package without them cannot derive. */
function rowsOf(tables: readonly Table[], name: string, derived: ResourceDeclaration): Record<string, unknown>[] {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`resource "${derived.name}" (derive: ${derived.derive}) needs a resource named "${name}" in the same package`);
  return rowsToObjects(table);
}
