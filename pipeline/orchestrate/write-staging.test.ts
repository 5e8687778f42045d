import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledBuildInputs, stagedBundle, syntheticDeclaration, type BuildInputs } from "../../fakes/fixtures/build-inputs.ts";
import type { Schema } from "../frictionless/index.ts";
import { pathExists } from "../shared/fs.ts";
import type { Table } from "../transform/table.ts";
import { DOCUMENTATION_FILE, DOCUMENTATION_HTML_FILE, writeStaging } from "./write-staging.ts";

describe("writeStaging", () => {
  let inputs: BuildInputs;
  beforeAll(async () => {
    inputs = await bundledBuildInputs();
  });

  it("writes the descriptor, one CSV per table and the documentation into a new folder beside the package's, never into it", async () => {
    let laureatsRows = 0;
    const { staged, packageDir } = await stagedBundle(inputs, (tables) => {
      laureatsRows = tables.find((table) => table.name === "laureats")?.rows.length ?? 0;
    });
    const name = inputs.declaration.name;
    expect(dirname(staged.dir)).toBe(dirname(packageDir));
    expect(basename(staged.dir)).toMatch(new RegExp(`^\\.staging-${name}-`));
    expect(await pathExists(packageDir)).toBe(false);

    const files = (await readdir(staged.dir)).sort();
    expect(files).toEqual(["datapackage.json", DOCUMENTATION_FILE, DOCUMENTATION_HTML_FILE, ...inputs.declaration.resources.map((resource) => `${resource.name}.csv`)].sort());
    expect(staged.files).toBe(files.length);
    const sizes = await Promise.all(files.map(async (file) => (await stat(join(staged.dir, file))).size));
    expect(staged.bytes).toBe(sizes.reduce((sum, size) => sum + size, 0));

    const descriptor = JSON.parse(await readFile(join(staged.dir, "datapackage.json"), "utf8")) as { resources: { name: string; sources?: { path: string }[] }[] };
    const laureats = descriptor.resources.find((resource) => resource.name === "laureats");
    // Each table cites the sources it was read from, linked in the repository.
    expect(laureats?.sources?.map((source) => source.path)).toContain(`https://github.com/aap-opendata/aap-opendata/blob/main/datapackages/${name}/sources/laureats.csv`);
    const csv = await readFile(join(staged.dir, "laureats.csv"), "utf8");
    expect(laureatsRows).toBeGreaterThan(0);
    expect(csv.trimEnd().split("\n")).toHaveLength(1 + laureatsRows);
  });

  it("leaves no folder behind when a table cannot be written", async () => {
    const schema: Schema = { fields: [{ name: "id", type: "string" }, { name: "details", type: "object" }], missingValues: [""] };
    // A value JSON cannot write (a BigInt): the write fails once the staging folder exists.
    const table: Table = { name: "fictif", schema, rows: [["fictif-1", { montant: 1n }]] };
    const declaration = syntheticDeclaration(join(inputs.root, "fictif"), [{ name: "fictif", schema: "fictif.json", source: { connector: "file", path: "fictif.csv" } }]);
    const packageDir = join(inputs.root, "sortie", "fictif");
    const written = writeStaging({ declaration, schemas: { fictif: schema }, tables: [table], provenances: {}, packageDir, repositoryUrl: "https://example.invalid", declarationPath: "fictif" });
    await expect(written).rejects.toThrow(/BigInt/);
    expect(await readdir(dirname(packageDir))).toEqual([]);
  });
});
