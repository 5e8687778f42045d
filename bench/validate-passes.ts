import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Package, type Schema, type ValidateOptions, validatePackage } from "../pipeline/frictionless/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The project's lauréats and appels schemas. Custom checks are the French checks' business, not the core's: left out. */
function schema(name: string): Schema {
  const { custom_checks: _ignored, ...rest } = JSON.parse(readFileSync(`${root}/schemas/${name}/schema.json`, "utf8")) as Schema;
  return { ...rest, missingValues: rest.missingValues ?? [""] };
}

/** Our validation of the bench package (appels + lauréats). */
async function validateOurs(laureats: string, appels: string, options: ValidateOptions): Promise<number> {
  const pkg: Package = {
    resources: [
      // The bench's appels carry only some of the schema's columns, and no programmes table.
      { name: "appels", path: appels, schema: { ...schema("appels"), fieldsMatch: "superset", foreignKeys: [] } },
      { name: "laureats", path: laureats, schema: schema("laureats") },
    ],
  };
  const report = await validatePackage(pkg, options);
  if (!report.valid) throw new Error(`bench data should be valid: ${JSON.stringify(report.tasks.flatMap((t) => t.errors).slice(0, 3))}`);
  return report.tasks.find((task) => task.name === "laureats")?.stats.rows ?? 0;
}

/** Validation passes: each returns the number of data rows validated; they throw if the data is not valid. */
export const VALIDATE_PASSES: Record<string, (laureats: string, appels: string) => Promise<number>> = {
  /** As `aap validate` runs it: a big file is checked in chunks, one thread per core. */
  ours: (laureats, appels) => validateOurs(laureats, appels, {}),
  /** Row by row, on one thread. */
  "ours-one-thread": (laureats, appels) => validateOurs(laureats, appels, { parallel: false }),
  /** tableschema-js 1.12.6, the reference JS implementation: casting, constraints, unique and foreign keys. */
  async tableschema(laureats, appels) {
    const { Table } = createRequire(import.meta.url)("tableschema") as TableschemaModule;
    const calls = await Table.load(appels, { schema: { fields: ["id", "programme_id", "titre", "nom_gestionnaire", "url_source"].map((name) => ({ name, type: "string" })) } });
    const relations = { appels: await calls.read({ keyed: true }) };
    const { missingValues: _m, ...laureatsSchema } = schema("laureats");
    const table = await Table.load(laureats, { schema: laureatsSchema });
    let rows = 0;
    let errors = 0;
    const iterator = await table.iter({ forceCast: true, relations });
    for await (const row of iterator) {
      rows++;
      if (row instanceof Error) errors++;
    }
    if (errors > 0) throw new Error(`tableschema-js found ${errors} errors in the bench data`);
    return rows;
  },
};

interface TableschemaModule {
  Table: {
    load(source: string, options: { schema: unknown }): Promise<{
      read(options: { keyed: boolean }): Promise<unknown[]>;
      iter(options: { forceCast: boolean; relations: unknown }): Promise<AsyncIterable<unknown>>;
    }>;
  };
}
