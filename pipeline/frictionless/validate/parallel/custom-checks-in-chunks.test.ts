import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Package, Resource, Schema } from "../../descriptor/types.ts";
import { stripTimings } from "../../report/build-report.ts";
import type { Report } from "../../report/types.ts";
import { flatten } from "../../../../fakes/fixtures/flatten-report.ts";
import { SAMPLE_CHECKS_MODULE, sampleChecks } from "../../../../fakes/fixtures/sample-checks.ts";
import { SAMPLE_APPELS_CSV, SAMPLE_APPELS_SCHEMA, sampleLaureatsSchema } from "../../../../fakes/fixtures/sample-check-tables.ts";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import type { ValidateOptions } from "../options.ts";
import { validatePackage } from "../validate-package.ts";
import { planParallel } from "./chunk-plan.ts";

// The custom checks a schema declares run on the worker threads too, imported from their module:
// the report must be the row-by-row one, with chunks of a few dozen bytes so that findings,
// a check's failure and the error limit fall in many different chunks.

/** Synthetic rows: amounts above 900 every 7 rows, decisions before the call's opening every 5, a bad amount and a duplicate id. */
function laureatsCsv(rows: number): string {
  const lines = ["id,appel_id,montant,date_decision"];
  for (let n = 1; n <= rows; n++) {
    const id = n === 40 ? 12 : n;
    const montant = n === 23 ? "abc" : String(n % 7 === 0 ? 1000 + n : n * 3);
    lines.push(`${id},AAP-FICTIF-${1 + (n % 2)},${montant},2021-0${1 + (n % 5)}-15`);
  }
  return `${lines.join("\n")}\n`;
}

const ALL = [{ name: "montant-plafond", params: { plafond: 900 } }, { name: "dizaine-puis-panne", params: { panne: 73 } }, { name: "decision-avant-ouverture" }, { name: "inconnue" }];

async function bothWays(schema: Schema, options: ValidateOptions = {}) {
  const dir = await folderWith({ "appels.csv": SAMPLE_APPELS_CSV, "laureats.csv": laureatsCsv(150) });
  const resource: Resource = { name: "laureats", path: "laureats.csv", schema };
  const pkg: Package = { resources: [{ name: "appels", path: "appels.csv", schema: SAMPLE_APPELS_SCHEMA }, resource] };
  const parallel = { threads: 2, minBytes: 0, chunkBytes: 64 };
  const withChecks: ValidateOptions = { ...options, checks: sampleChecks, checksModule: SAMPLE_CHECKS_MODULE, basePath: dir };
  const plan = await planParallel(resource, join(dir, "laureats.csv"), { ...withChecks, parallel });
  const sequential = forComparison(await validatePackage(pkg, { ...withChecks, parallel: false, spans: false }));
  const chunked = forComparison(await validatePackage(pkg, { ...withChecks, parallel }));
  return { plan, sequential, chunked };
}

/** Timings differ; so do the bytes read ahead by a run stopped at its error limit. */
function forComparison(report: Report): Report {
  const stripped = stripTimings(report);
  for (const task of stripped.tasks) if (task.warnings.some((w) => w.startsWith("reached error limit"))) task.stats.bytes = 0;
  return stripped;
}

describe("custom checks on worker threads", () => {
  it("gives the row-by-row report: findings after the row's key errors, a check stopped where it threw, calls read from the package", async () => {
    const { plan, sequential, chunked } = await bothWays(sampleLaureatsSchema(ALL));
    expect(plan).toBeDefined();
    const task = sequential.tasks[1];
    const types = new Set(flatten(sequential).map(([, , type]) => type));
    for (const type of ["montant-plafond", "dizaine", "check-error", "decision-avant-ouverture", "type-error", "primary-key"]) expect(types).toContain(type);
    // The failing check reports the tens before row 74 (id 73), none after, in every chunk.
    expect(task?.errors.filter((e) => e.type === "dizaine").map((e) => e.rowNumber)).toEqual([11, 21, 31, 51, 61, 71]);
    expect(task?.errors.find((e) => e.type === "check-error")?.note).toContain('custom check "dizaine-puis-panne" threw at row 74: panne fictive');
    expect(task?.warnings).toContain('custom check "inconnue" is not available: skipped');
    expect(chunked).toEqual(sequential);
  });

  it("stops at the error limit on the same row, and picks the same errors", async () => {
    for (const options of [{ limitErrors: 9 }, { pickErrors: ["montant-plafond", "check-error"] }, { skipErrors: ["decision-avant-ouverture"], limitErrors: 20 }]) {
      const { sequential, chunked } = await bothWays(sampleLaureatsSchema(ALL), options);
      expect(chunked).toEqual(sequential);
    }
    const { sequential } = await bothWays(sampleLaureatsSchema(ALL), { limitErrors: 9 });
    expect(sequential.tasks[1]?.warnings).toContain("reached error limit: 9");
  });

  it("reads a table row by row when a check compares rows with each other, with the same report", async () => {
    const { sequential, chunked } = await bothWays(sampleLaureatsSchema([{ name: "dates-egales" }, { name: "montant-plafond", params: { plafond: 900 } }]));
    expect(flatten(sequential).some(([, , type]) => type === "dates-egales")).toBe(true);
    expect(chunked).toEqual(sequential);
  });

  it("reports a check that cannot start once, and runs the others in chunks", async () => {
    const { sequential, chunked } = await bothWays(sampleLaureatsSchema([{ name: "montant-plafond" }, { name: "decision-avant-ouverture" }]));
    const task = sequential.tasks[1];
    expect(task?.errors.filter((e) => e.type === "check-error").map((e) => e.note)).toEqual([expect.stringContaining('custom check "montant-plafond" could not start')]);
    expect(task?.errors.some((e) => e.type === "decision-avant-ouverture")).toBe(true);
    expect(chunked).toEqual(sequential);
  });
});
