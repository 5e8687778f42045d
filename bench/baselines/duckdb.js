// Baseline, as its own process: DuckDB reads the CSV file with the schema's types and runs the
// schema's checks as one SQL query (required, pattern, enum, min/max, lengths, uri format,
// unique fields, primary key, and the custom checks the bench declares). It counts the rows
// that break each check; it does not say which rows, nor why, as our report does.
// node bench/baselines/duckdb.js <file.csv> <schema.json>  → {"rows":N,"errors":N}
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const [file, schemaPath] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const TYPES = { string: "VARCHAR", number: "DOUBLE", integer: "BIGINT", date: "DATE", boolean: "BOOLEAN", year: "INTEGER" };
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;
const column = (name) => `"${name.replaceAll('"', '""')}"`;

/** One count per check: rows that break it. */
function checks() {
  const counts = [];
  for (const field of schema.fields) {
    const c = column(field.name);
    const k = field.constraints ?? {};
    if (k.required) counts.push(`count_if(${c} IS NULL)`);
    if (k.pattern) counts.push(`count_if(NOT regexp_full_match(${c}, ${quote(k.pattern.replace(/^\^/, "").replace(/\$$/, ""))}))`);
    if (k.enum) counts.push(`count_if(${c} NOT IN (${k.enum.map(quote).join(", ")}))`);
    if (k.minimum !== undefined) counts.push(`count_if(${c} < ${k.minimum})`);
    if (k.maximum !== undefined) counts.push(`count_if(${c} > ${k.maximum})`);
    if (k.maxLength !== undefined) counts.push(`count_if(length(${c}) > ${k.maxLength})`);
    if (k.unique) counts.push(`count(${c}) - count(DISTINCT ${c})`);
    if (field.format === "uri") counts.push(`count_if(NOT regexp_matches(${c}, '^[A-Za-z][A-Za-z0-9+.-]*:[^ ]+$'))`);
  }
  for (const key of schema.primaryKey ?? []) counts.push(`count_if(${column(key)} IS NULL) + count(*) - count(DISTINCT ${column(key)})`);
  for (const { name, params } of schema.custom_checks ?? []) counts.push(customCheck(name, params));
  return counts;
}

function customCheck(name, params) {
  if (name === "french-siren-value") {
    const c = column(params.column);
    // Luhn: from the right, every second digit doubled (minus 9 above 9); the sum ends with 0.
    const digit = `CAST(substr(${c}, 9 - i, 1) AS INTEGER)`;
    const luhn = `list_sum(list_transform(range(9), i -> CASE WHEN i % 2 = 1 THEN (CASE WHEN 2 * ${digit} > 9 THEN 2 * ${digit} - 9 ELSE 2 * ${digit} END) ELSE ${digit} END))`;
    return `count_if(regexp_full_match(${c}, '[0-9]{9}') AND ${luhn} % 10 <> 0)`;
  }
  if (name === "amount-not-above-cost") return `count_if(${column(params.amount_column)} > ${column(params.cost_column)})`;
  if (name === "rate-matches-amounts") {
    const [rate, amount, cost] = [params.rate_column, params.amount_column, params.cost_column].map(column);
    return `count_if(${cost} <> 0 AND abs(${rate} - ${amount} / ${cost}) > ${params.tolerance ?? 0.005})`;
  }
  throw new Error(`no SQL for the custom check ${name}`);
}

const columns = `{${schema.fields.map((field) => `${quote(field.name)}: ${quote(TYPES[field.type] ?? "VARCHAR")}`).join(", ")}}`;
const source = `read_csv(${quote(file)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = ${columns})`;
const counts = checks();
const sql = `SELECT count(*) AS rows, ${counts.map((count, k) => `${count} AS c${k}`).join(", ")} FROM ${source}`;
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const [result] = (await connection.runAndReadAll(sql)).getRowObjectsJS();
const errors = counts.reduce((sum, _, k) => sum + Number(result[`c${k}`]), 0);
console.log(JSON.stringify({ rows: Number(result.rows), errors, checks: counts.length }));
