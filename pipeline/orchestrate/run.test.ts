import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { UnknownPackageError } from "../declaration/errors.ts";
import { localRunRequest } from "../../fakes/fixtures/run-request.ts";
import { loadDeclarations, runPackages, RUN_REPORT_JSON, RUN_REPORT_MARKDOWN, type RunRequest } from "./run.ts";

/** A workspace with the bundled package and a copy of it whose lauréats file went missing. */
const BROKEN = "paquet-casse";
let root: string;
beforeAll(async () => {
  root = await makeWorkspace();
  const copy = join(root, "datapackages", BROKEN);
  await cp(join(root, "datapackages", BUNDLED_PACKAGE), copy, { recursive: true });
  const yaml = await readFile(join(copy, "datapackage.yaml"), "utf8");
  await writeFile(join(copy, "datapackage.yaml"), yaml.replace(`name: ${BUNDLED_PACKAGE}`, `name: ${BROKEN}`));
  await rm(join(copy, "sources", "laureats.csv"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function request(packages: string[]): RunRequest {
  return localRunRequest(root, { packages });
}

describe("loadDeclarations", () => {
  it("loads every package under datapackages/ when none is named, in name order", async () => {
    const declarations = await loadDeclarations(join(root, "datapackages"), [], root);
    expect(declarations.map((d) => d.name)).toEqual([BUNDLED_PACKAGE, BROKEN]);
  });

  it("refuses unknown names before loading anything, listing the packages there are", async () => {
    const error = await loadDeclarations(join(root, "datapackages"), ["inconnu", BROKEN, "absent"], root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPackageError);
    expect(error).toMatchObject({ code: "unknown-package", names: ["inconnu", "absent"] });
    expect((error as Error).message).toBe(`unknown packages "inconnu", "absent"; packages under datapackages/: ${BUNDLED_PACKAGE}, ${BROKEN}`);
  });
});

describe("runPackages", () => {
  it("goes on after a package that fails, and the run fails; the report says which did what", async () => {
    const declarations = await loadDeclarations(join(root, "datapackages"), [], root);
    const result = await runPackages(request([]), declarations);
    expect(result.ok).toBe(false);
    expect(result.packages.map((p) => [p.name, p.status])).toEqual([[BUNDLED_PACKAGE, "built"], [BROKEN, "failed"]]);
    expect(result.packages[1]!.failure).toContain("sources/laureats.csv");
    // Every step after validation is timed, in the order it ran, with the process's peak RSS; then the site.
    const steps = result.packages[0]!.steps ?? [];
    expect(steps.map((s) => s.step)).toEqual(["downloads.read", "downloads.xlsx", "downloads.json", "changes", "promote", "snapshot"]);
    for (const step of steps) expect(step.peakRssMB).toBeGreaterThan(0);
    expect(result.site).toMatchObject({ status: "written", milliseconds: expect.any(Number), peakRssMB: expect.any(Number) });
    expect(result).toMatchObject({ startedAt: "2026-01-15T02:17:00.000Z", finishedAt: "2026-01-15T02:17:00.000Z" });
    expect(JSON.parse(await readFile(join(root, "output", RUN_REPORT_JSON), "utf8"))).toEqual(JSON.parse(JSON.stringify(result)));
    const markdown = await readFile(join(root, "output", RUN_REPORT_MARKDOWN), "utf8");
    expect(markdown).toContain(`| ${BUNDLED_PACKAGE} | ✅ construit |`);
    expect(markdown).toContain(`| ${BROKEN} | ❌ échec |`);
  });

  it("succeeds when every package does, and a second run finds them unchanged", async () => {
    const declarations = await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root);
    const again = await runPackages(request([BUNDLED_PACKAGE]), declarations);
    expect(again.ok).toBe(true);
    expect(again.packages.map((p) => p.status)).toEqual(["unchanged"]);
  });
});
