import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace, snapshot } from "../../fakes/fixtures/cli-workspace.ts";

/** Change one cell of a `;`-separated source: row `row` (physical, header = 1), column `column`. */
async function editCell(file: string, row: number, column: string, value: string, encoding: BufferEncoding = "utf8"): Promise<void> {
  const text = await readFile(file, encoding);
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.replace(/^\uFEFF/, "").split(";");
  const index = header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${file}`);
  const cells = lines[row - 1]!.split(";");
  cells[index] = value;
  lines[row - 1] = cells.join(";");
  await writeFile(file, lines.join(text.includes("\r\n") ? "\r\n" : "\n"), encoding);
}

describe("aap build / run on the bundled data", () => {
  let root: string;
  let first: Record<string, string>;

  beforeAll(async () => {
    root = await makeWorkspace();
    const built = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(built.stderr).not.toMatch(/"level":"error"/);
    expect(built.code).toBe(0);
    first = await snapshot(join(root, "output", BUNDLED_PACKAGE));
  });

  it("writes the data package: descriptor, one CSV per table with its XLSX, JSON and NDJSON downloads, the SCDL export, the documentation and the report", () => {
    expect(Object.keys(first).sort()).toEqual(
      ["changes.json", "datapackage.json", "documentation.html", "documentation.md", "validation-report.json", ...["appels", "laureats", "programmes", "subventions"].flatMap((t) => [`${t}.csv`, `${t}.xlsx`, `${t}.json`, `${t}.ndjson`])].sort(),
    );
  });

  it("logs each stage with its counts and duration, as JSON lines in CI", async () => {
    const again = await aap(["build", "--force", "--log-format", "json"], { cwd: root });
    const events = again.stderr.trim().split("\n").map((line) => JSON.parse(line) as { event: string; data?: Record<string, unknown> });
    const stages = events.filter((e) => e.event === "stage.end").map((e) => e.data?.stage);
    expect(stages).toEqual(["extract", "transform", "package", "validate"]);
    expect(events.find((e) => e.data?.stage === "extract")?.data).toMatchObject({ sources: 4, records: expect.any(Number), milliseconds: expect.any(Number) });
  });

  it("produces byte-identical files from unchanged sources", async () => {
    const again = await aap(["build", "--force"], { cwd: root });
    expect(again.code).toBe(0);
    expect(await snapshot(join(root, "output", BUNDLED_PACKAGE))).toEqual(first);
  });

  it("says so and builds nothing when no source changed since the last successful run", async () => {
    const again = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing to build");
    expect(again.stdout).toContain(`${BUNDLED_PACKAGE}: unchanged`);
  });

  it("prints the publication plan with no variable set (a fresh clone), and needs no network for it", async () => {
    const result = await aap(["run"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`dataset ${BUNDLED_PACKAGE}`);
    expect(result.stdout).toMatch(/laureats\.csv\s+create: upload/);
    expect(result.stderr).toContain("no DATAGOUV_API_KEY");
  });

  it("prints the plan with --dry-run and no key, even with DATAGOUV_URL set, sending nothing", async () => {
    // An unreachable instance: any call would fail the run.
    const result = await aap(["run", "--dry-run", "--force"], { cwd: root, env: { DATAGOUV_URL: "http://127.0.0.1:9" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/laureats\.csv\s+create: upload/);
  });

  it("validates what it wrote with aap validate", async () => {
    const result = await aap(["validate", join("output", BUNDLED_PACKAGE, "datapackage.json"), "--json"], { cwd: root });
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true });
    expect(result.code).toBe(0);
  });
});

describe("aap run on invalid data", () => {
  it("stops at a cell that cannot be read, names file, row, column, field and rule, and leaves output/ as it was", async () => {
    const root = await makeWorkspace();
    expect((await aap(["build"], { cwd: root })).code).toBe(0);
    const before = await snapshot(join(root, "output", BUNDLED_PACKAGE));
    await editCell(join(root, "datapackages", BUNDLED_PACKAGE, "sources", "appels.csv"), 2, "Date d'ouverture", "31/02/2021");
    const result = await aap(["run"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`sources/appels.csv row 2, column "Date d'ouverture" → field "date_ouverture": "31/02/2021" cannot be read (type is "date/%d/%m/%Y"`);
    expect(result.stderr).toContain("nothing written");
    expect(await snapshot(join(root, "output", BUNDLED_PACKAGE))).toEqual(before);
  });

  it("stops at a broken constraint and points back at the source cell", async () => {
    const root = await makeWorkspace();
    expect((await aap(["build"], { cwd: root })).code).toBe(0);
    const before = await snapshot(join(root, "output", BUNDLED_PACKAGE));
    await editCell(join(root, "datapackages", BUNDLED_PACKAGE, "sources", "appels.csv"), 3, "Taux de cofinancement max", "1,50");
    const result = await aap(["run", "--json"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/appels\.csv, row 3, field "taux_cofinancement_max" \(from sources\/appels\.csv row 3, column "Taux de cofinancement max"\): constraint-error/);
    const outcome = JSON.parse(result.stdout).packages[0];
    expect(outcome.status).toBe("invalid");
    expect(outcome.validationErrors[0]).toMatchObject({ type: "constraint-error", rowNumber: 3, fieldName: "taux_cofinancement_max", origin: { rowNumber: 3 } });
    expect(await snapshot(join(root, "output", BUNDLED_PACKAGE))).toEqual(before);
    // The package was written and validated in a staging folder, then thrown away; the site is made from the last good package.
    expect((await readdir(join(root, "output"))).sort()).toEqual([BUNDLED_PACKAGE, "run-report.json", "run-report.md", "site"]);
  });
});

describe("aap usage", () => {
  it("answers --help for every command with exit code 0", async () => {
    const root = await makeWorkspace();
    for (const command of ["run", "build", "validate", "publish", "schedule"]) {
      const result = await aap([command, "--help"], { cwd: root });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: aap ${command}`);
    }
    expect((await aap(["--help"], { cwd: root })).stdout).toContain("Commands:");
  });

  it("exits 2 on bad usage: an unknown command, option or package", async () => {
    const root = await makeWorkspace();
    expect((await aap(["frobnicate"], { cwd: root })).code).toBe(2);
    const option = await aap(["build", "--forse"], { cwd: root });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("--forse");
    const pkg = await aap(["build", "paquet-inconnu"], { cwd: root });
    expect(pkg.code).toBe(2);
    expect(pkg.stderr).toContain(`packages under datapackages/: ${BUNDLED_PACKAGE}`);
  });

  it("exits 2 when a declaration is broken, naming the file and the line", async () => {
    const root = await makeWorkspace();
    const file = join(root, "datapackages", BUNDLED_PACKAGE, "datapackage.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("frequency: daily", "frequence: daily"));
    const result = await aap(["build"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/datapackage\.yaml:\d+ \/datagouv: unknown property "frequence"/);
  });

  it("exits 2 and prints the usage on stderr when no command is given", async () => {
    const root = await makeWorkspace();
    const result = await aap([], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: aap <command>");
    expect(result.stdout).toBe("");
  });

  it("publish refuses when nothing was built", async () => {
    const root = await makeWorkspace();
    const result = await aap(["publish"], { cwd: root, env: { DATAGOUV_URL: "http://127.0.0.1:9", DATAGOUV_API_KEY: "cle-fictive-0000" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`run "aap build ${BUNDLED_PACKAGE}" first`);
  });
});
