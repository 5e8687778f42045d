import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

/**
 * What we publish, read by independent implementations of the Frictionless specs, as reusers
 * will read it: datapackage-js 1.1 and tableschema-js 1.12 (Data Package v1, as most tools in
 * the wild, frictionless-py 4 included). They must accept the package whole, tables and keys.
 */

interface Row { [field: string]: unknown }
interface V1Resource {
  name: string;
  valid: boolean;
  tabular: boolean;
  schema: { valid: boolean; errors: Error[] } | null;
  read(options: { keyed: boolean; relations: boolean }): Promise<Row[]>;
}
interface V1Package { valid: boolean; errors: Error[]; resources: V1Resource[] }
interface DatapackageJs { Package: { load(path: string, options: { strict: boolean }): Promise<V1Package> } }
interface TableschemaJs {
  Schema: { load(descriptor: unknown, options: { strict: boolean }): Promise<{ valid: boolean }> };
  Table: { load(source: string, options: { schema: unknown }): Promise<{ read(options: { keyed: boolean }): Promise<Row[]> }> };
}

const require = createRequire(import.meta.url);
const { Package } = require("datapackage") as DatapackageJs;
const { Schema, Table } = require("tableschema") as TableschemaJs;

const SCHEMAS = join(import.meta.dirname, "..", "..", "schemas");

let root: string;
let output: string;

beforeAll(async () => {
  root = await makeWorkspace();
  const built = await aap(["build"], { cwd: root });
  expect(built.code, built.stderr).toBe(0);
  output = join(root, "output", BUNDLED_PACKAGE);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Rows of each table as our own validation counted them when building. */
async function rowsWeCounted(): Promise<Record<string, number>> {
  const report = JSON.parse(await readFile(join(output, "validation-report.json"), "utf8")) as { tasks: { name: string; type: string; stats: { rows: number } }[] };
  return Object.fromEntries(report.tasks.filter((task) => task.type === "table").map((task) => [task.name, task.stats.rows]));
}

describe("the bundled package, read by datapackage-js (Data Package v1)", () => {
  it("is valid in strict mode, every table with a valid schema, and reads whole with its foreign keys checked", async () => {
    const pkg = await Package.load(join(output, "datapackage.json"), { strict: true });
    expect(pkg.errors.map((e) => e.message)).toEqual([]);
    const counted = await rowsWeCounted();
    const tables = pkg.resources.filter((resource) => resource.tabular);
    expect(tables.map((resource) => resource.name).sort()).toEqual(Object.keys(counted).sort());
    for (const resource of tables) {
      expect(resource.valid, resource.name).toBe(true);
      expect(resource.schema?.errors.map((e) => e.message), resource.name).toEqual([]);
      const rows = await resource.read({ keyed: true, relations: true });
      expect(rows.length, resource.name).toBe(counted[resource.name]);
    }
  });

  it("reads the self-referencing foreign key of appels (written with \"resource\": \"\") and checks it", async () => {
    const descriptor = JSON.parse(await readFile(join(output, "datapackage.json"), "utf8")) as { resources: { name: string; schema?: { foreignKeys?: unknown[] } }[] };
    const appels = descriptor.resources.find((resource) => resource.name === "appels");
    expect(appels?.schema?.foreignKeys).toContainEqual({ fields: ["appel_parent_id"], reference: { resource: "", fields: ["id"] } });
    // A copy whose first sub-call names a parent that does not exist: datapackage-js must refuse it.
    const broken = `${output}-parent-inconnu`;
    await cp(output, broken, { recursive: true });
    const rows = parse(await readFile(join(broken, "appels.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    const child = rows.find((row) => row.appel_parent_id !== "");
    expect(child).toBeDefined();
    (child as Record<string, string>).appel_parent_id = "appel-parent-inexistant";
    await writeFile(join(broken, "appels.csv"), stringify(rows, { header: true, columns: Object.keys(rows[0] ?? {}), record_delimiter: "\n" }));
    const pkg = await Package.load(join(broken, "datapackage.json"), { strict: true });
    const table = pkg.resources.find((resource) => resource.name === "appels") as V1Resource;
    await expect(table.read({ keyed: true, relations: true })).rejects.toThrow(/[Ff]oreign key/);
  });
});

describe("the schemas of schemas/, read by tableschema-js (Table Schema v1)", () => {
  it("load in strict mode; their valid example reads whole, their invalid example does not", async () => {
    const names = (await readdir(SCHEMAS, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const descriptor = JSON.parse(await readFile(join(SCHEMAS, name, "schema.json"), "utf8")) as unknown;
      const schema = await Schema.load(descriptor, { strict: true });
      expect(schema.valid, name).toBe(true);
      const valid = join(SCHEMAS, name, "exemple-valide.csv");
      const expected = (parse(await readFile(valid, "utf8"), { columns: true }) as unknown[]).length;
      expect((await (await Table.load(valid, { schema })).read({ keyed: true })).length, name).toBe(expected);
      await expect((await Table.load(join(SCHEMAS, name, "exemple-invalide.csv"), { schema })).read({ keyed: true }), name).rejects.toThrow();
    }
  });
});
