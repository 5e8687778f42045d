import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The project's lauréats schema, as `aap validate` reads it. */
export function laureatsSchema(): Record<string, unknown> & { fields: Record<string, unknown>[]; custom_checks?: { name: string }[] } {
  return JSON.parse(readFileSync(join(root, "schemas/laureats/schema.json"), "utf8")) as ReturnType<typeof laureatsSchema>;
}

/** The custom checks of the bench: the ones a lauréats table is checked with on its own (no other table). */
const BENCH_CHECKS = ["french-siren-value", "amount-not-above-cost", "rate-matches-amounts"];

/**
 * The two schemas of the bench, from schemas/laureats/schema.json, written under `dir`:
 * `plain`: types, patterns, enum, min/max, lengths, unique, primary key (its foreign key needs
 * the appels table, and a table is validated alone here); `checks`: the same plus the SIREN key,
 * amount not above cost and rate = amount / cost.
 */
export function writeBenchSchemas(dir: string): { plain: string; checks: string } {
  mkdirSync(dir, { recursive: true });
  const { custom_checks: declared = [], foreignKeys: _fk, ...plain } = laureatsSchema();
  const checks = { ...plain, custom_checks: declared.filter((check) => BENCH_CHECKS.includes(check.name)) };
  if (checks.custom_checks.length !== BENCH_CHECKS.length) throw new Error(`schemas/laureats/schema.json no longer declares ${BENCH_CHECKS.join(", ")}`);
  const paths = { plain: join(dir, "laureats-plain.schema.json"), checks: join(dir, "laureats-checks.schema.json") };
  writeFileSync(paths.plain, JSON.stringify(plain, null, 1));
  writeFileSync(paths.checks, JSON.stringify(checks, null, 1));
  return paths;
}
