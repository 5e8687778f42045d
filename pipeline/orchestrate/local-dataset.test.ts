import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import type { Declaration } from "../declaration/types.ts";
import type { LocalDataset } from "../publish/index.ts";
import { localDatasetFromOutput } from "./local-dataset.ts";
import { loadDeclarations } from "./run.ts";

/** The bundled package as `aap build` leaves it in output/, read back as what to publish. */
let root: string;
let declaration: Declaration;
let packageDir: string;
let local: LocalDataset;
beforeAll(async () => {
  root = await makeWorkspace();
  const built = await aap(["build", BUNDLED_PACKAGE], { cwd: root });
  expect(built.code, built.stderr).toBe(0);
  declaration = (await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root))[0]!;
  packageDir = join(root, "output", BUNDLED_PACKAGE);
  local = await localDatasetFromOutput(declaration, packageDir, { gitCommit: "0000000fictif", validatedAt: "2026-01-15T02:17:30.000Z" });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("localDatasetFromOutput", () => {
  it("has one resource per file of the folder: each table with its downloads, then the descriptor, then the documentation", () => {
    const table = (name: string) => [
      [`${name}.csv`, "main", "csv"],
      [`${name}.xlsx`, "main", "xlsx"],
      [`${name}.json`, "main", "json"],
      [`${name}.ndjson`, "main", "ndjson"],
    ];
    expect(local.resources.map((r) => [r.key, r.type, r.format])).toEqual([
      ...table("programmes"),
      ...table("appels"),
      ...table("laureats"),
      ["datapackage.json", "other", "json"],
      ["documentation.md", "documentation", "md"],
    ]);
    for (const resource of local.resources) expect(resource.file).toBe(join(packageDir, resource.key));
  });

  it("takes titles and descriptions from the built descriptor, and the dataset's metadata from the declaration", async () => {
    const descriptor = JSON.parse(await readFile(join(packageDir, "datapackage.json"), "utf8"));
    const appels = descriptor.resources.find((r: { name: string }) => r.name === "appels");
    expect(local.resources.find((r) => r.key === "appels.csv")).toMatchObject({ title: appels.title, description: appels.description ?? "" });
    expect(local.resources.find((r) => r.key === "appels.xlsx")).toMatchObject({ title: `${appels.title} (tableur XLSX)` });
    // A schema on a download would have data.gouv.fr check a spreadsheet against a CSV schema.
    expect(local.resources.find((r) => r.key === "appels.xlsx")?.schema).toBeUndefined();
    expect(local).toMatchObject({ package: BUNDLED_PACKAGE, title: declaration.title, license: "etalab-2.0", frequency: declaration.datagouv.frequency, private: false });
  });

  it("withholds the SCDL file with no row and its downloads, saying why", () => {
    expect(local.withheld?.map((file) => [file.key, file.cause])).toEqual([
      ["subventions.csv", "empty-scdl"],
      ["subventions.xlsx", "table-withheld"],
      ["subventions.json", "table-withheld"],
      ["subventions.ndjson", "table-withheld"],
    ]);
    expect(local.withheld?.[0]?.reason).toContain("national consolidation");
  });

  it("withholds a download the folder lacks, and declares the SCDL export by its catalogue name once it has a row", async () => {
    await rm(join(packageDir, "laureats.xlsx"));
    const subventions = join(packageDir, "subventions.csv");
    const header = (await readFile(subventions, "utf8")).split("\n")[0]!;
    // A synthetic row: only its presence matters to what is offered.
    await writeFile(subventions, `${header}\n${header.split(",").map(() => "fictif").join(",")}\n`);
    const again = await localDatasetFromOutput(declaration, packageDir, { validatedAt: "2026-01-15T02:17:30.000Z" });
    expect(again.withheld?.map((file) => [file.key, file.cause])).toEqual([["laureats.xlsx", "not-written"]]);
    expect(again.resources.find((r) => r.key === "subventions.csv")?.schema).toEqual({ name: "scdl/subventions", version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(again.resources.find((r) => r.key === "subventions.json")?.schema).toBeUndefined();
  });

  it("stamps every resource with the package version, and the provenance of this build", () => {
    for (const resource of local.resources) {
      expect(resource.extras["aap:package-version"]).toBe(declaration.version);
      expect(resource.provenance).toMatchObject({ "aap:git-commit": "0000000fictif", "aap:validated-at": "2026-01-15T02:17:30.000Z" });
    }
    expect((local.resources[0]!.provenance["aap:sources"] as unknown[]).length).toBeGreaterThan(0);
  });

  it("derives the tags and the time covered from the rows themselves", () => {
    expect(local.tags.length).toBeGreaterThan(0);
    expect(local.temporalCoverage?.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(local.temporalCoverage!.start <= local.temporalCoverage!.end).toBe(true);
  });
});
