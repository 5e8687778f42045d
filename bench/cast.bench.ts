/**
 * Micro-benchmark of casting + constraints for a 12-field lauréats-like row.
 * Run: node --import tsx bench/cast.bench.ts (also part of npm run bench)
 */
import { type Schema, compileSchema, CAST_FAILED } from "../pipeline/frictionless/index.ts";

const schema: Schema = {
  missingValues: [""],
  fields: [
    { name: "id", type: "string", constraints: { required: true, pattern: "L-[0-9]{6}" } },
    { name: "appel_id", type: "string", constraints: { required: true } },
    { name: "titre", type: "string", constraints: { maxLength: 200 } },
    { name: "siren", type: "string", constraints: { pattern: "[0-9]{9}" } },
    { name: "montant", type: "number", constraints: { minimum: 0 } },
    { name: "taux", type: "number", constraints: { minimum: 0, maximum: 100 } },
    { name: "effectif", type: "integer", constraints: { minimum: 0 } },
    { name: "date_decision", type: "date", constraints: { required: true } },
    { name: "date_maj", type: "datetime" },
    { name: "statut", type: "string", constraints: { enum: ["en cours", "terminé", "abandonné"] } },
    { name: "region", type: "string", constraints: { pattern: "[0-9]{2}" } },
    { name: "innovant", type: "boolean", trueValues: ["oui"], falseValues: ["non"] },
  ],
};

const total = 1_000_000;
const rows: string[][] = [];
for (let i = 0; i < 1000; i++) {
  rows.push([
    `L-${String(i).padStart(6, "0")}`, `AAP-${i % 50}`, `Projet fictif ${i}, "innovant"`, String(100000000 + i),
    `${(i * 1234.5) % 1e6}`, `${(i % 100) + 0.5}`, String(i % 300), `2024-0${(i % 9) + 1}-1${i % 10}`,
    `2024-03-1${i % 10}T10:00:00Z`, ["en cours", "terminé", "abandonné"][i % 3] as string, String(10 + (i % 80)),
    i % 2 ? "oui" : "non",
  ]);
}

/** Touching every cell without casting: the floor, to read the figures on a busy machine. */
function baseline(): number {
  let sum = 0;
  const start = process.hrtime.bigint();
  for (let n = 0; n < total; n++) {
    const row = rows[n % rows.length] as string[];
    for (let f = 0; f < row.length; f++) sum += (row[f] as string).length;
  }
  if (sum < 0) console.log(sum);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const compiled = compileSchema(schema);
const fields = compiled.fields;
let failures = 0;
const start = process.hrtime.bigint();
for (let n = 0; n < total; n++) {
  const row = rows[n % rows.length] as string[];
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    if (!field) continue;
    const value = field.cast(row[f]);
    if (value === CAST_FAILED || field.checkConstraints(value)) failures++;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const floor = baseline();
console.log(`baseline (touch every cell): ${floor.toFixed(2)} s`);
console.log(`${total} rows × ${fields.length} fields in ${seconds.toFixed(2)} s: ${Math.round(total / seconds).toLocaleString("en")} rows/s (${failures} failures)`);
