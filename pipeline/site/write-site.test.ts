import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, normalize, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import type { ChangeHistory } from "../package/changes/change-history.ts";
import { pathExists } from "../shared/fs.ts";

/** Every file under `dir`, as a path relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

describe("aap build writes output/site/", () => {
  let root: string;
  let site: string;
  let packageDir: string;

  beforeAll(async () => {
    root = await makeWorkspace();
    site = join(root, "output", "site");
    packageDir = join(root, "output", BUNDLED_PACKAGE);
    const run = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
  });

  it("with every page, and every relative link and stylesheet address of the site leading to a file in it", async () => {
    const files = await filesUnder(site);
    for (const page of ["index.html", `paquets/${BUNDLED_PACKAGE}.html`, "qualite.html", "changements.html", "schemas/index.html", "schemas/laureats.html", `badges/${BUNDLED_PACKAGE}.svg`, ".nojekyll"]) {
      expect(files).toContain(page);
    }
    const targets: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".html") || f.endsWith(".css"))) {
      const text = await readFile(join(site, file), "utf8");
      const links = [...text.matchAll(/(?:href|src)="([^"#]+)/g), ...text.matchAll(/url\(["']?([^"')#?]+)/g)].map((m) => m[1]!);
      for (const link of links.filter((l) => !/^(https?:|data:|mailto:)/.test(l))) targets.push(normalize(join(dirname(file), decodeURIComponent(link))));
    }
    expect(targets.length).toBeGreaterThan(100);
    const missing = [...new Set(targets)].filter((target) => !files.includes(target));
    expect(missing).toEqual([]);
  });

  it("copies each table's CSV and datapackage.json into the site, byte for byte", async () => {
    for (const file of ["laureats.csv", "appels.csv", "datapackage.json"]) {
      expect(await readFile(join(site, "donnees", BUNDLED_PACKAGE, file), "utf8")).toBe(await readFile(join(packageDir, file), "utf8"));
    }
  });

  it("links the downloads and the change history the other stages write, at the next run", async () => {
    await writeFile(join(packageDir, "laureats.ndjson"), '{"id":"x"}\n');
    const history: ChangeHistory = {
      package: BUNDLED_PACKAGE,
      runs: [{ at: "2026-05-01T08:00:00.000Z", previousAt: null, tables: [{ table: "laureats", primaryKey: ["id"], counts: { added: 1, removed: 0, modified: 0 }, added: [{ id: "synthetique-1", titre: "Ligne synthétique" }], removed: [], modified: [], truncated: false }] }],
    };
    await writeFile(join(packageDir, "changes.json"), JSON.stringify(history));
    const run = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const page = await readFile(join(site, "paquets", `${BUNDLED_PACKAGE}.html`), "utf8");
    expect(page).toContain(`href="../donnees/${BUNDLED_PACKAGE}/laureats.ndjson" type="application/x-ndjson"`);
    expect(await readFile(join(site, "donnees", BUNDLED_PACKAGE, "laureats.ndjson"), "utf8")).toBe('{"id":"x"}\n');
    expect(await readFile(join(site, "changements.html"), "utf8")).toContain("<code>synthetique-1</code> — Ligne synthétique");
    const report = JSON.parse(await readFile(join(root, "output", "run-report.json"), "utf8")) as { site: { status: string; pages: number } };
    expect(report.site).toMatchObject({ status: "written", pages: 9 });
  });

  it("fails with site-error and keeps the previous site whole when a package's file cannot be read", async () => {
    const before = await readFile(join(site, "index.html"), "utf8");
    await writeFile(join(packageDir, "validation-report.json"), "{ not json");
    const run = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toContain("site-error");
    expect(await readFile(join(site, "index.html"), "utf8")).toBe(before);
    expect((await readdir(join(root, "output"))).filter((entry) => entry.startsWith(".site-"))).toEqual([]);
    expect(await readFile(join(root, "output", "run-report.md"), "utf8")).toContain("Site : **non écrit**");
    await rm(join(packageDir, "validation-report.json"));
    expect(await pathExists(join(packageDir, "validation-report.json"))).toBe(false);
  });
});
