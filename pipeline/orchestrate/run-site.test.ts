import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { acquireLock } from "../state/lock.ts";

describe("the site at the end of a run", () => {
  it("links the dataset the publication state knows for the instance the run targets", async () => {
    const root = await makeWorkspace();
    // Synthetic id, as the publication state records it after a publication.
    const state = { datagouv: { "https://demo.data.gouv.fr": { [BUNDLED_PACKAGE]: { datasetId: "0123456789abcdef01234567", resources: {} } } } };
    await writeFile(join(root, "publication.json"), JSON.stringify(state));
    const run = await aap(["build", "--state-dir", root, "--log-format", "json"], { cwd: root, env: { DATAGOUV_URL: "demo" } });
    expect(run.code, run.stderr).toBe(0);
    const page = await readFile(join(root, "output", "site", "paquets", `${BUNDLED_PACKAGE}.html`), "utf8");
    expect(page).toContain('href="https://demo.data.gouv.fr/datasets/0123456789abcdef01234567/"');

    const production = await aap(["build", "--state-dir", root, "--log-format", "json"], { cwd: root });
    expect(production.code, production.stderr).toBe(0);
    const unpublished = await readFile(join(root, "output", "site", "paquets", `${BUNDLED_PACKAGE}.html`), "utf8");
    expect(unpublished).toContain("Ce paquet n'est pas encore publié sur data.gouv.fr");
  });

  it("waits for another run writing the site, and fails the run with the lock's code when it does not finish in time", async () => {
    const root = await makeWorkspace();
    const lock = await acquireLock(join(root, ".aap", "locks", ".site.lock"), { waitMs: 0, purpose: "test" });
    try {
      const run = await aap(["build", "--lock-wait", "0", "--log-format", "json"], { cwd: root });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain("site.failed");
      expect(await readFile(join(root, "output", "run-report.md"), "utf8")).toMatch(/Site : \*\*non écrit\*\*[\s\S]*locked/);
    } finally {
      await lock.release();
    }
  });
});
