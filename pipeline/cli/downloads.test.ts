import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { download, liveDatasets, writeRequests } from "../../fakes/fixtures/publish-workspace.ts";
import { aap, BUNDLED_PACKAGE } from "../../fakes/fixtures/cli-workspace.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { publishingNight } from "../../fakes/fixtures/publishing-night.ts";

/**
 * The downloads as the data team and citizens meet them: written by `aap build`/`aap run` beside
 * each CSV, published as data.gouv.fr resources (the udata fake), never re-sent when unchanged;
 * and the SCDL file, withheld while it has no row and back the night it has one.
 */

let server: UdataServer;
let root: string;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, root, env } = await publishingNight());
});
afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const packageDir = () => join(root, "output", BUNDLED_PACKAGE);
const sources = () => join(root, "datapackages", BUNDLED_PACKAGE, "sources");
const nightly = () => aap(["run"], { cwd: root, env });
const withDownloads = (table: string) => [`${table}.csv`, `${table}.xlsx`, `${table}.json`, `${table}.ndjson`];

/** One lauréat given every fact SCDL requires, with synthetic SIRETs (valid checksums, nobody's). */
async function giveOneLaureatEveryScdlFact(): Promise<void> {
  const appelsFile = join(sources(), "appels.csv");
  const appels = (await readFile(appelsFile, "utf8")).split("\n");
  const at = appels.findIndex((line) => line.startsWith("ftap-2-selection-juillet-2023;"));
  const cells = appels[at]!.split(";");
  cells[9] = "000000000";
  cells[10] = "00000000000018";
  appels[at] = cells.join(";");
  await writeFile(appelsFile, appels.join("\n"));
  const laureatsFile = join(sources(), "laureats.csv");
  const laureats = (await readFile(laureatsFile, "latin1")).split("\r\n");
  const row = laureats[1]!.split(";");
  row[6] = "000000000";
  row[7] = "00000000000026";
  row[16] = "en une fois (fictif)";
  row[17] = "2023-07-06/2025-12-31";
  laureats[1] = row.join(";");
  await writeFile(laureatsFile, laureats.join("\r\n"), "latin1");
}

describe("aap build", () => {
  it("writes XLSX, JSON and NDJSON beside each table's CSV; a build that fails validation leaves the previous ones", async () => {
    const built = await aap(["build"], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout + built.stderr).toMatch(/downloads: 12 files \(XLSX, JSON, NDJSON\)/);
    const files = await readdir(packageDir());
    for (const table of ["programmes", "appels", "laureats", "subventions"]) expect(files).toEqual(expect.arrayContaining(withDownloads(table)));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(packageDir(), "laureats.xlsx"));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["laureats", "Champs"]);
    const before = await readFile(join(packageDir(), "laureats.xlsx"));

    const laureatsFile = join(sources(), "laureats.csv");
    const lines = (await readFile(laureatsFile, "latin1")).split("\r\n");
    lines[1] = lines[1]!.replace(";9 400 000,00;", ";beaucoup;");
    await writeFile(laureatsFile, lines.join("\r\n"), "latin1");
    expect((await aap(["build"], { cwd: root })).code).toBe(1);
    expect((await readFile(join(packageDir(), "laureats.xlsx"))).equals(before)).toBe(true);
    expect((await readdir(join(root, "output"))).filter((name) => name.startsWith(".staging"))).toEqual([]);
  });
});

describe("aap run against data.gouv.fr", () => {
  it("uploads each table with its downloads, titled in French, withholds the empty SCDL file with why, then sends nothing on an unchanged night", async () => {
    const first = await nightly();
    expect(first.code, first.stderr).toBe(0);
    const dataset = liveDatasets(server)[0]!;
    const keys = dataset.resources.map((r) => String(r.extras?.["aap:key"]));
    expect(keys).toEqual([...withDownloads("programmes"), ...withDownloads("appels"), ...withDownloads("laureats"), "datapackage.json", "documentation.md"]);
    for (const resource of dataset.resources) {
      const local = await readFile(join(packageDir(), String(resource.extras?.["aap:key"])));
      expect((await download(resource.url)).equals(local), resource.title).toBe(true);
    }
    const byKey = (key: string) => dataset.resources.find((r) => r.extras?.["aap:key"] === key)!;
    expect(byKey("laureats.xlsx")).toMatchObject({ title: "Lauréats (tableur XLSX)", type: "main", format: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(byKey("laureats.json")).toMatchObject({ title: "Lauréats (JSON)", format: "json", mime: "application/json" });
    // udata accepts no .ndjson upload: sent as .txt, and the description says so.
    expect(byKey("laureats.ndjson")).toMatchObject({ title: "Lauréats (NDJSON)", format: "txt" });
    expect(byKey("laureats.ndjson").description).toContain("extension .txt");
    expect(byKey("laureats.xlsx").schema ?? null).toBeNull();
    expect(first.stdout).toMatch(/subventions\.csv\s+not offered: the SCDL export has no row/);
    const report = await readFile(join(root, "output", "run-report.md"), "utf8");
    expect(report).toContain("Fichier SCDL subventions.csv non proposé sur data.gouv.fr : il n'a aucune ligne");
    expect(report).toMatch(/Informations manquantes, par champ SCDL \(nombre de lauréats\) : idBeneficiaire \(\d+\)/);

    const mark = server.requests.length;
    const second = await nightly();
    expect(second.code, second.stderr).toBe(0);
    expect(writeRequests(server, mark)).toEqual([]);
  });

  it("a changed table re-uploads its CSV and its downloads, and leaves the other tables' files alone", async () => {
    expect((await nightly()).code).toBe(0);
    const ids = new Map(liveDatasets(server)[0]!.resources.map((r) => [String(r.extras?.["aap:key"]), r.id]));
    const laureatsFile = join(sources(), "laureats.csv");
    const lines = (await readFile(laureatsFile, "latin1")).split("\r\n");
    lines[1] = `${lines[1]} (essai local fictif)`;
    await writeFile(laureatsFile, lines.join("\r\n"), "latin1");
    const mark = server.requests.length;
    const result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    const uploads = writeRequests(server, mark).filter((w) => w.method === "POST" && w.path.endsWith("/upload/"));
    const replaced = [...ids].filter(([, id]) => uploads.some((w) => w.path.includes(`/resources/${id}/upload/`))).map(([key]) => key);
    expect(replaced).toEqual(expect.arrayContaining(withDownloads("laureats")));
    for (const table of ["programmes", "appels"]) for (const key of withDownloads(table)) expect(replaced).not.toContain(key);
  });

  it("the SCDL file comes back with its downloads the night a lauréat has every fact, and leaves again when none has", async () => {
    expect((await nightly()).code).toBe(0);
    const original = { appels: await readFile(join(sources(), "appels.csv")), laureats: await readFile(join(sources(), "laureats.csv")) };
    await giveOneLaureatEveryScdlFact();
    const back = await nightly();
    expect(back.code, back.stderr).toBe(0);
    const resources = liveDatasets(server)[0]!.resources;
    const scdl = resources.find((r) => r.extras?.["aap:key"] === "subventions.csv");
    expect(scdl?.schema).toMatchObject({ name: "scdl/subventions" });
    expect((await download(scdl!.url)).toString("utf8").split("\n").filter(Boolean)).toHaveLength(2);
    for (const key of withDownloads("subventions")) expect(resources.some((r) => r.extras?.["aap:key"] === key), key).toBe(true);
    expect(await readFile(join(root, "output", "run-report.md"), "utf8")).not.toContain("non proposé");

    await writeFile(join(sources(), "appels.csv"), original.appels);
    await writeFile(join(sources(), "laureats.csv"), original.laureats);
    const gone = await nightly();
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toMatch(/subventions\.csv\s+delete \S+ "Subventions[^"]*" \([^)]*\): not offered: the SCDL export has no row/);
    expect(liveDatasets(server)[0]!.resources.filter((r) => String(r.extras?.["aap:key"]).startsWith("subventions."))).toEqual([]);
  });
});
