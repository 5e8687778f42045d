import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Schema } from "../frictionless/index.ts";
import { callsById, scdlSubvention, type ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import { rowMaker, type StreamedTable } from "../transform/table.ts";

/** A table's rows as records (field name → logical value), read afresh at each call. */
export type ReadTable = (name: string) => AsyncIterable<Record<string, unknown>>;

export interface DerivedTables {
  /** One table per derived resource, in declaration order; its rows are derived as they are read. */
  tables: StreamedTable[];
  /** Rows a derivation left out, and why (a lauréat the SCDL format cannot hold); complete once the tables are read. */
  scdlExcluded: ScdlExclusion[];
}

/**
 * The tables a declaration derives from the others (`derive: scdl-subventions`), in one
 * streamed pass over the tables they read (the package stage reads back the CSV files it
 * has just written): the calls are held by id, the lauréats go through one at a time.
 */
export function deriveTables(declaration: Declaration, schemas: Readonly<Record<string, Schema>>, readTable: ReadTable, tableNames: readonly string[]): DerivedTables {
  const derived: DerivedTables = { tables: [], scdlExcluded: [] };
  for (const resource of declaration.resources.filter((r) => r.derive === "scdl-subventions")) {
    const schema = schemas[resource.name];
    if (schema === undefined) throw new Error(`no schema loaded for resource "${resource.name}"`);
    for (const needed of ["appels", "laureats"]) requireTable(declaration, tableNames, needed, resource);
    async function* rows(): AsyncGenerator<unknown[]> {
      const appels: Record<string, unknown>[] = [];
      for await (const appel of readTable("appels")) appels.push(appel);
      const calls = callsById(appels);
      const toRow = rowMaker(schema as Schema, `SCDL export "${resource.name}"`);
      let index = 0;
      for await (const laureat of readTable("laureats")) {
        const one = scdlSubvention(laureat, calls);
        if ("excluded" in one) derived.scdlExcluded.push(one.excluded);
        else yield toRow(one.row, index++);
      }
    }
    derived.tables.push({ name: resource.name, schema, rows: rows() });
  }
  return derived;
}

/**
 * Derivations read tables by their conventional names; a package without them cannot derive.
 * Tables are written in declaration order, and a derivation reads the files written before it.
 */
function requireTable(declaration: Declaration, tableNames: readonly string[], name: string, derived: ResourceDeclaration): void {
  if (!tableNames.includes(name)) throw new Error(`resource "${derived.name}" (derive: ${derived.derive}) needs a resource named "${name}" in the same package`);
  const position = (resource: string) => declaration.resources.findIndex((r) => r.name === resource);
  if (position(name) > position(derived.name)) throw new Error(`resource "${derived.name}" (derive: ${derived.derive}) must be declared after "${name}", which it reads`);
}
