import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../fakes/fixtures/temp-folder.ts";
import { stripTimings, validatePackage, writePackage, type Package } from "../frictionless/index.ts";
import { readSiteInput } from "./read-site-input.ts";
import { SITE_MAX_ROWS } from "./types.ts";

/** A synthetic validated package in output/, a few rows longer than the site reads. */
const ROWS = SITE_MAX_ROWS + 7;

let output: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: output, cleanup } = await makeTempDir("aap-site-input-"));
  const dir = join(output, "paquet-fictif");
  const descriptor = {
    name: "paquet-fictif",
    resources: [{ name: "laureats", type: "table", path: "laureats.csv", schema: { fields: [{ name: "code", type: "string" }, { name: "montant", type: "integer" }] } }],
  } as unknown as Package;
  const rows = Array.from({ length: ROWS }, (_, i) => [`FICTIF-${i}`, i]);
  const written = await writePackage({ dir, descriptor, tables: { laureats: rows } });
  const report = await validatePackage(written.descriptor, { basePath: dir });
  expect(report.valid).toBe(true);
  await writeFile(join(dir, "validation-report.json"), JSON.stringify(stripTimings(report)));
});
afterEach(() => cleanup());

const sources = () => ({ outputDir: output, schemasDir: join(output, "no-schemas"), now: new Date(Date.UTC(2026, 0, 15)), datasets: {} });

describe("readSiteInput", () => {
  it("holds only the first rows of a long table and still gives its whole row count (the validation report's)", async () => {
    const [table] = (await readSiteInput(sources())).packages[0]!.tables;
    expect(table!.rowCount).toBe(ROWS);
    expect(table!.rows).toHaveLength(SITE_MAX_ROWS);
    expect(table!.rows[SITE_MAX_ROWS - 1]).toEqual({ code: `FICTIF-${SITE_MAX_ROWS - 1}`, montant: SITE_MAX_ROWS - 1 });
  });

  it("counts the rows itself for a package without its validation report", async () => {
    await rm(join(output, "paquet-fictif", "validation-report.json"));
    const [table] = (await readSiteInput(sources())).packages[0]!.tables;
    expect(table!.rowCount).toBe(ROWS);
    expect(table!.rows).toHaveLength(SITE_MAX_ROWS);
  });
});
