import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../canonical.ts";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { startStaticServer, type StaticServer } from "../../../../fakes/sources/static/static-server.ts";
import { makeXlsx } from "../../../../fakes/fixtures/make-xlsx.ts";
import { ExtractError, SOURCE_ROW_NUMBER } from "../../types.ts";
import { fileConnector } from "./connector.ts";
import { describeThrown } from "../../../frictionless/index.ts";

// "Projet fictif Été;1 000 €" in windows-1252: é = 0xE9, É = 0xC9, € = 0x80.
const CP1252_CSV = Buffer.concat([
  Buffer.from("Nom du projet;Montant;SIREN\r\n", "latin1"),
  Buffer.from("Projet fictif \xC9t\xE9;1 000 ", "latin1"),
  Buffer.from([0x80]),
  Buffer.from(";000000001\r\nProjet fictif B;2 500,50;000000002\r\n", "latin1"),
]);

let temp: { dir: string; cleanup: () => Promise<void> };
let baseDir: string;
let cacheDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  baseDir = join(temp.dir, "datapackages", "fictif");
  cacheDir = join(temp.dir, "cache");
  await mkdir(join(baseDir, "sources"), { recursive: true });
});
afterEach(() => temp.cleanup());

async function writeSource(name: string, content: string | Buffer): Promise<void> {
  await writeFile(join(baseDir, "sources", name), content);
}

describe("file connector, local files", () => {
  it("reads a semicolon CSV in windows-1252 with the physical row numbers and a provenance", async () => {
    await writeSource("laureats.csv", CP1252_CSV);
    const result = await fileConnector.extract({ path: "sources/laureats.csv", encoding: "windows-1252", dialect: { delimiter: ";" }, title: "Lauréats fictifs" }, testContext({ baseDir, cacheDir }));
    expect(result.changed).toBe(true);
    expect(await readAll(result)).toEqual([
      { "Nom du projet": "Projet fictif Été", Montant: "1 000 €", SIREN: "000000001", [SOURCE_ROW_NUMBER]: 2 },
      { "Nom du projet": "Projet fictif B", Montant: "2 500,50", SIREN: "000000002", [SOURCE_ROW_NUMBER]: 3 },
    ]);
    const provenance = result.provenance();
    expect(provenance).toMatchObject({ source: "sources/laureats.csv", title: "Lauréats fictifs", connector: "file", bytes: CP1252_CSV.length, sha256: sha256Hex(CP1252_CSV), records: 2 });
    expect(Date.parse(provenance.fetchedAt)).not.toBeNaN();
    expect(result.nextState()).toEqual({ sha256: sha256Hex(CP1252_CSV) });
  });

  it("says unchanged when the file has the hash the saved state holds, and changed once it is edited", async () => {
    await writeSource("laureats.csv", "nom,montant\nProjet fictif A,10\n");
    const first = await fileConnector.extract({ path: "sources/laureats.csv" }, testContext({ baseDir, cacheDir }));
    await readAll(first);
    const state = first.nextState();

    const second = await fileConnector.extract({ path: "sources/laureats.csv" }, testContext({ baseDir, cacheDir, state }));
    expect(second.changed).toBe(false);
    expect(await readAll(second)).toEqual([{ nom: "Projet fictif A", montant: "10", [SOURCE_ROW_NUMBER]: 2 }]);

    await writeSource("laureats.csv", "nom,montant\nProjet fictif A,12\n");
    const third = await fileConnector.extract({ path: "sources/laureats.csv" }, testContext({ baseDir, cacheDir, state }));
    expect(third.changed).toBe(true);
    expect(await readAll(third)).toEqual([{ nom: "Projet fictif A", montant: "12", [SOURCE_ROW_NUMBER]: 2 }]);
  });

  it("reads the named sheet of an XLSX workbook", async () => {
    const workbook = Buffer.from(
      makeXlsx({
        Notes: [["Feuille sans données"]],
        Lauréats: [["Projet", "Montant"], ["Projet fictif A", 1000], ["Projet fictif B", 2500.5]],
      }),
    );
    await writeSource("laureats.xlsx", workbook);
    const result = await fileConnector.extract({ path: "sources/laureats.xlsx", dialect: { sheetName: "Lauréats" } }, testContext({ baseDir, cacheDir }));
    expect(await readAll(result)).toEqual([
      { Projet: "Projet fictif A", Montant: 1000, [SOURCE_ROW_NUMBER]: 2 },
      { Projet: "Projet fictif B", Montant: 2500.5, [SOURCE_ROW_NUMBER]: 3 },
    ]);
    expect(result.provenance().sha256).toBe(sha256Hex(workbook));
  });

  it("reads the array under a JSON property, and NDJSON line by line", async () => {
    await writeSource("appels.json", JSON.stringify({ appels: [{ code: "AAP-FICTIF-1", titre: "Appel fictif 1" }, { code: "AAP-FICTIF-2", titre: "Appel fictif 2" }] }));
    await writeSource("appels.ndjson", '{"code":"AAP-FICTIF-1","ouvert":true}\n{"code":"AAP-FICTIF-2","ouvert":false}\n');
    const json = await fileConnector.extract({ path: "sources/appels.json", dialect: { property: "appels" } }, testContext({ baseDir, cacheDir }));
    expect((await readAll(json)).map(({ code, titre }) => ({ code, titre }))).toEqual([
      { code: "AAP-FICTIF-1", titre: "Appel fictif 1" },
      { code: "AAP-FICTIF-2", titre: "Appel fictif 2" },
    ]);
    const ndjson = await fileConnector.extract({ path: "sources/appels.ndjson" }, testContext({ baseDir, cacheDir }));
    expect((await readAll(ndjson)).map(({ code, ouvert }) => ({ code, ouvert }))).toEqual([
      { code: "AAP-FICTIF-1", ouvert: true },
      { code: "AAP-FICTIF-2", ouvert: false },
    ]);
  });

  it("fails with not-found naming the path when the file is missing", async () => {
    const failure = await fileConnector.extract({ path: "sources/absent.csv" }, testContext({ baseDir, cacheDir })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractError);
    expect(failure).toMatchObject({ code: "not-found", source: "sources/absent.csv" });
    expect(describeThrown(failure).hint).toMatch(/relative to the folder of datapackage.yaml/);
  });

  it("refuses a file over maxBytes", async () => {
    await writeSource("laureats.csv", "nom\nProjet fictif A\n");
    await expect(fileConnector.extract({ path: "sources/laureats.csv", maxBytes: 5 }, testContext({ baseDir, cacheDir }))).rejects.toMatchObject({ code: "too-large" });
  });

  it("reports an undecodable byte as malformed, pointing at the encoding", async () => {
    await writeSource("laureats.csv", CP1252_CSV);
    const failure = await (async () => readAll(await fileConnector.extract({ path: "sources/laureats.csv", dialect: { delimiter: ";" } }, testContext({ baseDir, cacheDir }))))().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "malformed", source: "sources/laureats.csv" });
    expect(describeThrown(failure).message).toMatch(/windows-1252/);
  });

  it("will not give the state to save before the records were all read", async () => {
    await writeSource("laureats.csv", "nom\nProjet fictif A\n");
    const result = await fileConnector.extract({ path: "sources/laureats.csv" }, testContext({ baseDir, cacheDir }));
    expect(() => result.nextState()).toThrow(ExtractError);
  });
});

describe("file connector, URLs", () => {
  let server: StaticServer;
  beforeEach(async () => {
    server = await startStaticServer({
      "/data/laureats.csv": { body: CP1252_CSV, contentType: "text/csv; charset=windows-1252" },
      "/data/appels.xlsx": { body: Buffer.from(makeXlsx({ "Appels": [["code"], ["AAP-FICTIF-1"]] })), contentType: "application/octet-stream" },
    });
  });
  afterEach(() => server.close());

  it("downloads a CSV, then asks conditionally and replays the cache on 304", async () => {
    const options = { url: `${server.url}/data/laureats.csv`, encoding: "windows-1252", dialect: { delimiter: ";" } };
    const first = await fileConnector.extract(options, testContext({ baseDir, cacheDir }));
    const firstRecords = await readAll(first);
    expect(firstRecords).toHaveLength(2);
    expect(first.provenance()).toMatchObject({ source: options.url, etag: expect.any(String), lastModified: expect.any(String), bytes: CP1252_CSV.length });
    const state = first.nextState();

    const second = await fileConnector.extract(options, testContext({ baseDir, cacheDir, state }));
    expect(second.changed).toBe(false);
    expect(await readAll(second)).toEqual(firstRecords);
    const last = server.requests.at(-1);
    expect(last?.headers["if-none-match"]).toBe(state.etag);
    expect(last?.status).toBe(304);
  });

  it("takes the format from the URL extension, here XLSX", async () => {
    const result = await fileConnector.extract({ url: `${server.url}/data/appels.xlsx` }, testContext({ baseDir, cacheDir }));
    expect(await readAll(result)).toEqual([{ code: "AAP-FICTIF-1", [SOURCE_ROW_NUMBER]: 2 }]);
  });

  it("calls an HTML page where a CSV was expected malformed", async () => {
    server.setFile("/data/maintenance.csv", { body: "<!DOCTYPE html><html><body>Maintenance</body></html>", contentType: "text/html" });
    await expect(fileConnector.extract({ url: `${server.url}/data/maintenance.csv` }, testContext({ baseDir, cacheDir }))).rejects.toMatchObject({ code: "malformed", message: expect.stringMatching(/HTML page/) });
  });

  it("refuses plain http to anything but the local machine", async () => {
    await expect(fileConnector.extract({ url: "http://example.org/laureats.csv" }, testContext({ baseDir, cacheDir }))).rejects.toMatchObject({ code: "invalid-options" });
  });
});
