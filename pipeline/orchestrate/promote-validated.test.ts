import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledBuildInputs, stagedBundle, type BuildInputs } from "../../fakes/fixtures/build-inputs.ts";
import type { Report } from "../frictionless/index.ts";
import { pathExists } from "../shared/fs.ts";
import { promoteValidated, VALIDATION_REPORT_FILE } from "./promote-validated.ts";
import { validateStaged } from "./validate-staged.ts";

/** A package of a previous run in `packageDir`, with a file the new one does not have. */
async function previousPackage(packageDir: string): Promise<void> {
  await rm(packageDir, { recursive: true, force: true });
  await mkdir(packageDir, { recursive: true });
  await writeFile(join(packageDir, "ancien-fichier.csv"), "id\nfictif-1\n");
}

describe("promoteValidated", () => {
  let inputs: BuildInputs;
  beforeAll(async () => {
    inputs = await bundledBuildInputs();
  });

  it("adds the validation report, without timings, and replaces the previous package whole", async () => {
    const { staged, packageDir } = await stagedBundle(inputs);
    await previousPackage(packageDir);
    const { report } = await validateStaged(staged.dir);
    await promoteValidated(staged.dir, packageDir, report);

    const files = await readdir(packageDir);
    expect(files).not.toContain("ancien-fichier.csv");
    expect(files).toEqual(expect.arrayContaining(["datapackage.json", VALIDATION_REPORT_FILE]));
    const written = JSON.parse(await readFile(join(packageDir, VALIDATION_REPORT_FILE), "utf8")) as Report;
    expect(written.valid).toBe(true);
    expect(written.stats.seconds).toBe(0);
    expect(written.tasks.every((task) => task.stats.seconds === 0)).toBe(true);
    expect(written.tasks.map((task) => task.stats.rows)).toEqual(report.tasks.map((task) => task.stats.rows));
    // No staging folder and no copy of the previous package is left beside it.
    expect(await readdir(dirname(packageDir))).toEqual([inputs.declaration.name]);
  });

  it("never promotes an invalid package: the previous one stays as it was", async () => {
    const { staged, packageDir } = await stagedBundle(inputs);
    await previousPackage(packageDir);
    const { report } = await validateStaged(staged.dir);
    const invalid: Report = { ...report, valid: false };
    await expect(promoteValidated(staged.dir, packageDir, invalid)).rejects.toThrow(/an invalid package is never promoted/);
    expect(await readdir(packageDir)).toEqual(["ancien-fichier.csv"]);
    expect(await pathExists(join(staged.dir, VALIDATION_REPORT_FILE))).toBe(false);
  });
});
