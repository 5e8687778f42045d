import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStagingDir, discardStagingDir, promoteStagingDir, recoverInterruptedPromotion } from "./promote.ts";

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** An empty folder standing for output/, removed after the test. */
async function outputDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "aap-promote-"));
  made.push(dir);
  return dir;
}

async function writePackage(dir: string, version: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "datapackage.json"), `{"name":"paquet-fictif","version":"${version}"}`);
  await writeFile(join(dir, "appels.csv"), `id\nappel-fictif-${version}\n`);
}

async function previousPackage(): Promise<{ output: string; finalDir: string }> {
  const output = await outputDir();
  const finalDir = join(output, "paquet-fictif");
  await writePackage(finalDir, "1");
  return { output, finalDir };
}

const versionIn = async (dir: string) => JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")).version as string;

describe("createStagingDir", () => {
  it("makes a folder beside the final one (one file system: the rename is atomic), readable by anyone", async () => {
    const { output, finalDir } = await previousPackage();
    const staging = await createStagingDir(finalDir);
    expect(dirname(staging)).toBe(output);
    expect((await stat(staging)).mode & 0o777).toBe(0o755);
    await discardStagingDir(staging);
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("creates the output folder of a first build", async () => {
    const output = join(await outputDir(), "output");
    const staging = await createStagingDir(join(output, "paquet-fictif"));
    expect(dirname(staging)).toBe(output);
  });
});

describe("promoteStagingDir", () => {
  it("swaps the staging folder in and removes the previous package", async () => {
    const { output, finalDir } = await previousPackage();
    const staging = await createStagingDir(finalDir);
    await writePackage(staging, "2");
    await promoteStagingDir(staging, finalDir);
    expect(await versionIn(finalDir)).toBe("2");
    expect(await readFile(join(finalDir, "appels.csv"), "utf8")).toContain("appel-fictif-2");
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("promotes a first build, where there was no previous package", async () => {
    const output = await outputDir();
    const finalDir = join(output, "paquet-fictif");
    const staging = await createStagingDir(finalDir);
    await writePackage(staging, "1");
    await promoteStagingDir(staging, finalDir);
    expect(await versionIn(finalDir)).toBe("1");
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("puts the previous package back when the staging folder cannot be renamed into place", async () => {
    const { output, finalDir } = await previousPackage();
    // A staging folder that vanished (cleaned up by hand, another disk...): its rename fails.
    await expect(promoteStagingDir(join(output, ".staging-paquet-fictif-disparu"), finalDir)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await versionIn(finalDir)).toBe("1");
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("is not blocked by a folder that a killed run with the same pid left (pid 1 in a container)", async () => {
    const { output, finalDir } = await previousPackage();
    await writePackage(`${finalDir}.previous-${process.pid}`, "0");
    const staging = await createStagingDir(finalDir);
    await writePackage(staging, "2");
    await promoteStagingDir(staging, finalDir);
    expect(await versionIn(finalDir)).toBe("2");
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });
});

describe("recoverInterruptedPromotion", () => {
  it("puts back the previous package of a run killed between the two renames", async () => {
    const output = await outputDir();
    const finalDir = join(output, "paquet-fictif");
    await writePackage(`${finalDir}.previous-4242-0a1b2c3d`, "1");
    await writePackage(join(output, ".staging-paquet-fictif-Ab12Cd"), "2");
    const recovered = await recoverInterruptedPromotion(finalDir);
    expect(recovered.restored).toBe(`${finalDir}.previous-4242-0a1b2c3d`);
    expect(await versionIn(finalDir)).toBe("1");
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("removes staging folders and set-aside packages of killed runs, and only this package's", async () => {
    const { output, finalDir } = await previousPackage();
    await writePackage(join(output, ".staging-paquet-fictif-Ab12Cd"), "2");
    await mkdir(`${finalDir}.previous-4242-0a1b2c3d`);
    await writePackage(join(output, "paquet-fictif-bis"), "1");
    await writePackage(join(output, ".staging-paquet-fictif-bis-Zz99Yy"), "2");
    const recovered = await recoverInterruptedPromotion(finalDir);
    expect(recovered.restored).toBeUndefined();
    expect(recovered.removed).toHaveLength(2);
    expect((await readdir(output)).sort()).toEqual([".staging-paquet-fictif-bis-Zz99Yy", "paquet-fictif", "paquet-fictif-bis"]);
    expect(await versionIn(finalDir)).toBe("1");
  });

  it("restores nothing from a set-aside package whose removal had begun", async () => {
    const output = await outputDir();
    const finalDir = join(output, "paquet-fictif");
    await mkdir(`${finalDir}.previous-4242-0a1b2c3d`);
    await writeFile(join(`${finalDir}.previous-4242-0a1b2c3d`, "appels.csv"), "id\n");
    expect((await recoverInterruptedPromotion(finalDir)).restored).toBeUndefined();
    expect(await readdir(output)).toEqual([]);
  });
});
