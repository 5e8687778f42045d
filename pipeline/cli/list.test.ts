import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

/** `aap list`: what the nightly workflow's matrix reads, one job per package with its own secrets. */

let root: string;
beforeAll(async () => {
  root = await makeWorkspace();
  // A second, fictitious package whose programmes come from a web API behind a token.
  const bundled = join(root, "datapackages", BUNDLED_PACKAGE);
  const other = join(root, "datapackages", "paquet-fictif");
  await cp(bundled, other, { recursive: true });
  const yaml = (await readFile(join(other, "datapackage.yaml"), "utf8"))
    .replace(`name: ${BUNDLED_PACKAGE}`, "name: paquet-fictif")
    .replace(
      /source:\n {6}connector: file\n {6}path: sources\/programmes\.csv\n(?: {6}.*\n)*?(?= {4}mapping:)/,
      "source:\n      connector: http\n      url: https://api.exemple-fictif.test/programmes.json\n      tokenEnv: API_FICTIVE_TOKEN\n",
    );
  expect(yaml).toContain("tokenEnv: API_FICTIVE_TOKEN");
  await writeFile(join(other, "datapackage.yaml"), yaml);
});

describe("aap list", () => {
  it("--json: each package, its declaration, its sources with their connector, and the secrets they read", async () => {
    const result = await aap(["list", "--json"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { name: string; declaration: string; sources: { name: string; connector: string }[]; secrets: string[] }[];
    expect(listed.map((item) => item.name)).toEqual([BUNDLED_PACKAGE, "paquet-fictif"]);
    const [bundled, other] = listed;
    expect(bundled).toMatchObject({ declaration: `datapackages/${BUNDLED_PACKAGE}/datapackage.yaml`, secrets: [] });
    expect(bundled!.sources[0]).toEqual({ name: "programmes", connector: "file" });
    expect(bundled!.sources.map((source) => source.name)).toContain("laureats (source 1)");
    expect(other!.sources[0]).toEqual({ name: "programmes", connector: "http" });
    expect(other!.secrets).toEqual(["API_FICTIVE_TOKEN"]);
  });

  it("without --json: a block per package a person reads", async () => {
    const result = await aap(["list"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`paquet-fictif  (datapackages/paquet-fictif/datapackage.yaml)\n  sources: programmes (http), appels (file)`);
    expect(result.stdout).toContain("  secrets: API_FICTIVE_TOKEN\n");
    expect(result.stdout).toContain(`${BUNDLED_PACKAGE}  (datapackages/${BUNDLED_PACKAGE}/datapackage.yaml)\n  sources: programmes (file)`);
  });

  it("a broken declaration: exit 2 with its code, nothing on stdout", async () => {
    const broken = await makeWorkspace();
    await writeFile(join(broken, "datapackages", BUNDLED_PACKAGE, "datapackage.yaml"), "name: [pas fermé\n");
    const result = await aap(["list", "--json"], { cwd: broken });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^aap list: declaration-error: /);
  });
});
