import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStagingDir, promoteStagingDir } from "./promote.ts";

async function previousPackage(): Promise<{ output: string; finalDir: string }> {
  const output = await mkdtemp(join(tmpdir(), "aap-promote-"));
  const finalDir = join(output, "paquet-fictif");
  await mkdir(finalDir);
  await writeFile(join(finalDir, "datapackage.json"), '{"name":"paquet-fictif","version":"1"}');
  return { output, finalDir };
}

describe("promoteStagingDir", () => {
  it("swaps the staging folder in and removes the previous package", async () => {
    const { output, finalDir } = await previousPackage();
    const staging = await createStagingDir(finalDir);
    await writeFile(join(staging, "datapackage.json"), '{"name":"paquet-fictif","version":"2"}');
    await promoteStagingDir(staging, finalDir);
    expect(await readFile(join(finalDir, "datapackage.json"), "utf8")).toContain('"version":"2"');
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });

  it("puts the previous package back when the staging folder cannot be renamed into place", async () => {
    const { output, finalDir } = await previousPackage();
    // A staging folder that vanished (cleaned up by hand, another disk...): its rename fails.
    await expect(promoteStagingDir(join(output, ".staging-paquet-fictif-disparu"), finalDir)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(join(finalDir, "datapackage.json"), "utf8")).toContain('"version":"1"');
    expect(await readdir(output)).toEqual(["paquet-fictif"]);
  });
});
