import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../canonical.ts";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { startStaticServer, type StaticServer } from "../../../../fakes/sources/static/static-server.ts";
import { makeXlsx } from "../../../../fakes/fixtures/make-xlsx.ts";
import { ExtractError, SOURCE_ROW_NUMBER } from "../../types.ts";
import { httpConnector } from "./connector.ts";

const TOKEN = "jeton-fictif-0123456789";
const APPELS = { data: { total: 2, items: [{ code: "AAP-FICTIF-1", titre: "Appel fictif 1" }, { code: "AAP-FICTIF-2", titre: "Appel fictif 2" }] } };
const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: "application/json; charset=utf-8" });

let server: StaticServer;
let temp: { dir: string; cleanup: () => Promise<void> };
let cacheDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  cacheDir = join(temp.dir, "cache");
  server = await startStaticServer({
    "/api/appels": json(APPELS),
    "/exports/laureats.csv": { body: "projet;montant\nProjet fictif A;1000\n", contentType: "text/csv" },
    "/exports/laureats.xlsx": { body: Buffer.from(makeXlsx({ "Lauréats": [["projet", "montant"], ["Projet fictif A", 1000]] })), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
});
afterEach(async () => {
  await server.close();
  await temp.cleanup();
});

const context = (extra: { state?: Record<string, unknown>; env?: Record<string, string> } = {}) => testContext({ baseDir: temp.dir, cacheDir, ...extra });

describe("http connector", () => {
  it("reads the records of a JSON answer at recordsPath, with the provenance of the download", async () => {
    const result = await httpConnector.extract({ url: `${server.url}/api/appels`, recordsPath: "data.items", title: "Appels fictifs" }, context());
    expect(result.changed).toBe(true);
    expect(await readAll(result)).toEqual(APPELS.data.items);
    const body = JSON.stringify(APPELS);
    expect(result.provenance()).toMatchObject({ source: `${server.url}/api/appels`, connector: "http", title: "Appels fictifs", records: 2, bytes: body.length, sha256: sha256Hex(body), etag: expect.any(String) });
  });

  it("reads CSV, XLSX and NDJSON answers, the format taken from the content type", async () => {
    server.setFile("/exports/appels", { body: '{"code":"AAP-FICTIF-1"}\n{"code":"AAP-FICTIF-2"}\n', contentType: "application/x-ndjson" });
    const ndjson = await httpConnector.extract({ url: `${server.url}/exports/appels` }, context());
    expect((await readAll(ndjson)).map((record) => record.code)).toEqual(["AAP-FICTIF-1", "AAP-FICTIF-2"]);
    const csv = await httpConnector.extract({ url: `${server.url}/exports/laureats.csv`, dialect: { delimiter: ";" } }, context());
    expect(await readAll(csv)).toEqual([{ projet: "Projet fictif A", montant: "1000", [SOURCE_ROW_NUMBER]: 2 }]);
    const xlsx = await httpConnector.extract({ url: `${server.url}/exports/laureats.xlsx` }, context());
    expect(await readAll(xlsx)).toEqual([{ projet: "Projet fictif A", montant: 1000, [SOURCE_ROW_NUMBER]: 2 }]);
  });

  it("does not download an unchanged source again: conditional request, 304, records replayed from the cache", async () => {
    const options = { url: `${server.url}/api/appels`, recordsPath: "data.items" };
    const first = await httpConnector.extract(options, context());
    await readAll(first);
    const state = first.nextState();

    const second = await httpConnector.extract(options, context({ state }));
    expect(server.requests.at(-1)).toMatchObject({ status: 304, headers: { "if-none-match": state.etag, "if-modified-since": state.lastModified } });
    expect(second.changed).toBe(false);
    expect(await readAll(second)).toEqual(APPELS.data.items);
    expect(second.provenance()).toMatchObject({ records: 2, sha256: state.sha256 });
    expect(second.nextState()).toEqual(state);
  });

  it("downloads a changed source again and reports it changed", async () => {
    const options = { url: `${server.url}/api/appels`, recordsPath: "data.items" };
    const first = await httpConnector.extract(options, context());
    await readAll(first);
    const state = first.nextState();
    server.setFile("/api/appels", json({ data: { items: [{ code: "AAP-FICTIF-3", titre: "Appel fictif 3" }] } }));

    const second = await httpConnector.extract(options, context({ state }));
    expect(server.requests.at(-1)?.status).toBe(200);
    expect(second.changed).toBe(true);
    expect(await readAll(second)).toEqual([{ code: "AAP-FICTIF-3", titre: "Appel fictif 3" }]);
    expect(second.nextState().sha256).not.toBe(state.sha256);
  });

  it("downloads in full when the cached copy is gone, even with a saved state", async () => {
    const options = { url: `${server.url}/api/appels`, recordsPath: "data.items" };
    const first = await httpConnector.extract(options, context());
    await readAll(first);
    const state = first.nextState();
    await temp.cleanup();

    const second = await httpConnector.extract(options, context({ state }));
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
    expect(second.changed).toBe(false);
    expect(await readAll(second)).toEqual(APPELS.data.items);
  });

  it("sends the token from the named variable and, on 401, fails clearly without leaking it", async () => {
    server.requireToken(TOKEN);
    const ok = await httpConnector.extract({ url: `${server.url}/api/appels`, recordsPath: "data.items", tokenEnv: "AAP_FICTIF_TOKEN" }, context({ env: { AAP_FICTIF_TOKEN: TOKEN } }));
    expect(await readAll(ok)).toHaveLength(2);

    server.requireToken("un-autre-jeton-fictif");
    // The fake echoes what it received, as some real servers do in their error pages.
    server.faults.inject({ path: "/api/appels", status: 401, contentType: "application/json", body: JSON.stringify({ message: `invalid token ${TOKEN}` }) });
    const ctx = context({ env: { AAP_FICTIF_TOKEN: TOKEN } });
    const failure = await httpConnector.extract({ url: `${server.url}/api/appels`, tokenEnv: "AAP_FICTIF_TOKEN" }, ctx).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractError);
    const error = failure as ExtractError;
    expect(error.code).toBe("unauthorized");
    expect(error.message).toMatch(/answered 401/);
    expect(error.hint).toMatch(/AAP_FICTIF_TOKEN/);
    expect(JSON.stringify({ message: error.message, hint: error.hint, logs: ctx.logs })).not.toContain(TOKEN);
  });

  it("names the missing variable, never asking the server", async () => {
    const failure = await httpConnector.extract({ url: `${server.url}/api/appels`, tokenEnv: "AAP_FICTIF_TOKEN" }, context()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "missing-secret", message: expect.stringMatching(/AAP_FICTIF_TOKEN/) });
    expect(server.requests).toHaveLength(0);
  });

  it("waits as long as Retry-After says on 429, then reads", async () => {
    server.faults.inject({ path: "/api/appels", status: 429, retryAfter: 1 });
    const ctx = context();
    const result = await httpConnector.extract({ url: `${server.url}/api/appels`, recordsPath: "data.items" }, ctx);
    expect(await readAll(result)).toHaveLength(2);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(ctx.logs).toContainEqual(expect.objectContaining({ level: "warn", message: "retrying in 1000 ms" }));
  });

  it("recovers from a 5xx and from a dropped connection", async () => {
    server.faults.inject({ path: "/api/appels", status: 503 }, { path: "/api/appels", kind: "reset" });
    const result = await httpConnector.extract({ url: `${server.url}/api/appels`, recordsPath: "data.items", retries: 3 }, context());
    expect(await readAll(result)).toHaveLength(2);
    expect(server.requests.map((r) => r.status)).toEqual([503, 0, 200]);
  });

  it("fails clearly on a 5xx that does not recover, and the state of the last good run still works", async () => {
    const options = { url: `${server.url}/api/appels`, recordsPath: "data.items", retries: 1 };
    const first = await httpConnector.extract(options, context());
    await readAll(first);
    const state = first.nextState();

    server.setFile("/api/appels", json({ data: { items: [] } }));
    server.faults.inject({ path: "/api/appels", status: 502, body: "Bad Gateway", times: 2 });
    const failure = await httpConnector.extract(options, context({ state })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "unavailable", message: expect.stringMatching(/answered 502.*after 2 attempts/) });

    // Nothing was saved by the failed run; the next one starts from the same state and succeeds.
    const retry = await httpConnector.extract(options, context({ state }));
    expect(retry.changed).toBe(true);
    expect(await readAll(retry)).toEqual([]);
  });

  it("gives up on a source that does not answer within timeoutMs", async () => {
    server.faults.inject({ path: "/api/appels", kind: "hang" });
    await expect(httpConnector.extract({ url: `${server.url}/api/appels`, timeoutMs: 200, retries: 0 }, context())).rejects.toMatchObject({ code: "timeout", message: expect.stringMatching(/no answer within 200 ms/) });
  });

  it("calls an answer that is not JSON malformed", async () => {
    server.setFile("/api/casse", { body: '{"data": [', contentType: "application/json" });
    await expect(httpConnector.extract({ url: `${server.url}/api/casse` }, context())).rejects.toMatchObject({ code: "malformed", message: expect.stringMatching(/not valid JSON/) });
  });

  it("calls an HTML error page malformed", async () => {
    server.setFile("/api/portail", { body: "<!DOCTYPE html><html><body>Connexion requise</body></html>", contentType: "text/html; charset=utf-8" });
    await expect(httpConnector.extract({ url: `${server.url}/api/portail`, format: "json" }, context())).rejects.toMatchObject({ code: "malformed", message: expect.stringMatching(/HTML page/) });
  });

  it("says where recordsPath went wrong", async () => {
    await expect(httpConnector.extract({ url: `${server.url}/api/appels`, recordsPath: "data.results" }, context())).rejects.toMatchObject({ code: "malformed", message: expect.stringMatching(/no "results" under \$\.data.*found: total, items/) });
  });

  it("refuses an answer over maxBytes", async () => {
    await expect(httpConnector.extract({ url: `${server.url}/api/appels`, maxBytes: 20 }, context())).rejects.toMatchObject({ code: "too-large" });
  });

  it("refuses a token written in the headers of the declaration", async () => {
    await expect(httpConnector.extract({ url: `${server.url}/api/appels`, headers: { Authorization: "Bearer écrit-en-clair" } }, context())).rejects.toMatchObject({ code: "invalid-options" });
  });
});
