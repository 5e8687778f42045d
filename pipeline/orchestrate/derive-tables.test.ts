import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { syntheticDeclaration } from "../../fakes/fixtures/build-inputs.ts";
import { loadSchema, type Schema } from "../frictionless/index.ts";
import { objectsToRows, rowsToObjects, type Table } from "../transform/table.ts";
import { deriveTables } from "./derive-tables.ts";

const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");
const declaration = syntheticDeclaration("/paquet-fictif", [
  { name: "appels", schema: "appels.json", source: { connector: "file", path: "appels.csv" } },
  { name: "laureats", schema: "laureats.json", source: { connector: "file", path: "laureats.csv" } },
  { name: "subventions", schema: "scdl.json", derive: "scdl-subventions" },
]);
const appel = { id: "appel-fictif-a", nom_gestionnaire: "Direction fictive du numérique", siret_gestionnaire: "00000000000018" };
const laureat = {
  id: "laureat-fictif-1",
  appel_id: "appel-fictif-a",
  titre: "Projet fictif A",
  nom_porteur: "Administration fictive A",
  siret_porteur: "00000000000026",
  montant_accorde: 300000,
  date_decision: "2021-11-28",
  reference_decision: "DECISION-FICTIVE-1",
  conditions_versement: "échelonné",
  dates_periode_versement: "2022-01-01/2022-12-31",
};

describe("deriveTables", () => {
  let schemas: Record<string, Schema>;
  let tables: Table[];
  beforeAll(async () => {
    schemas = {
      appels: await loadSchema(join(SCHEMAS, "appels", "schema.json")),
      laureats: await loadSchema(join(SCHEMAS, "laureats", "schema.json")),
      subventions: await loadSchema(join(SCHEMAS, "scdl-subventions", "schema.json")),
    };
    const table = (name: string, objects: Record<string, unknown>[]): Table => ({ name, schema: schemas[name] as Schema, rows: objectsToRows(schemas[name] as Schema, objects, name) });
    tables = [table("appels", [appel]), table("laureats", [laureat, { ...laureat, id: "laureat-fictif-2", siret_porteur: null }])];
  });

  /** Each table read afresh, as records, as the package stage reads back the files it wrote. */
  const readTable = (list: Table[]) =>
    async function* (name: string): AsyncGenerator<Record<string, unknown>> {
      const table = list.find((t) => t.name === name);
      if (table) yield* rowsToObjects(table);
    };
  const names = (list: Table[]) => list.map((table) => table.name);

  it("derives the SCDL subventions table from the calls and lauréats, in its schema's field order, and says which lauréats it left out", async () => {
    const { tables: derived, scdlExcluded } = deriveTables(declaration, schemas, readTable(tables), names(tables));
    expect(derived.map((table) => table.name)).toEqual(["subventions"]);
    const rows: unknown[][] = [];
    for await (const row of derived[0]!.rows) rows.push([...row]);
    const [row] = rowsToObjects({ name: "subventions", schema: derived[0]!.schema, rows });
    expect(row).toMatchObject({ nomAttribuant: "Direction fictive du numérique", idAttribuant: "00000000000018", idBeneficiaire: "00000000000026", montant: 300000 });
    expect(rows).toHaveLength(1);
    expect(scdlExcluded).toEqual([expect.objectContaining({ resource: "laureats", key: "laureat-fictif-2" })]);
  });

  it("derives nothing for a package that declares no derived resource", () => {
    const plain = syntheticDeclaration("/paquet-fictif", declaration.resources.slice(0, 2));
    expect(deriveTables(plain, schemas, readTable(tables), names(tables))).toEqual({ tables: [], scdlExcluded: [] });
  });

  it("names the missing table when a derivation's inputs are not in the package", () => {
    expect(() => deriveTables(declaration, schemas, readTable(tables.slice(1)), names(tables.slice(1)))).toThrow('resource "subventions" (derive: scdl-subventions) needs a resource named "appels" in the same package');
  });

  it("refuses a derived resource declared before a table it reads: that file is not written yet", () => {
    const early = syntheticDeclaration("/paquet-fictif", [declaration.resources[0]!, declaration.resources[2]!, declaration.resources[1]!]);
    expect(() => deriveTables(early, schemas, readTable(tables), names(tables))).toThrow('resource "subventions" (derive: scdl-subventions) must be declared after "laureats", which it reads');
  });
});
