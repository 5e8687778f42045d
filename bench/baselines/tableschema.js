// Baseline, as its own process: tableschema-js 1.12.6, the reference JavaScript implementation,
// casts and checks every row against the schema (types, constraints, unique and primary key).
// node bench/baselines/tableschema.js <file.csv> <schema.json>  → {"rows":N,"errors":N}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { Table } = createRequire(import.meta.url)("tableschema");
// tableschema-js reads missingValues itself, with its own default ([""]).
const { missingValues: _ignored, ...schema } = JSON.parse(readFileSync(process.argv[3], "utf8"));
const table = await Table.load(process.argv[2], { schema });
let rows = 0;
let errors = 0;
for await (const row of await table.iter({ forceCast: true })) {
  rows++;
  if (row instanceof Error) errors++;
}
console.log(JSON.stringify({ rows, errors }));
