import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_RETRY } from "../../../../fakes/fixtures/test-retry.ts";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { ExtractError, type ConnectorState } from "../../types.ts";
import { createGristConnector } from "./connector.ts";
import type { GristOptions } from "./options.ts";
import { startFakeGrist, type FakeGrist } from "../../../../fakes/sources/grist/grist-server.ts";
import { DOC_ID, laureats, porteurs } from "../../../../fakes/sources/grist/sample-document.ts";
import { describeThrown } from "../../../frictionless/index.ts";

const KEY = "cle-grist-fictive-0123456789";
const connector = createGristConnector({ retry: TEST_RETRY });

let fake: FakeGrist;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  temp = await makeTempDir("grist-");
});
afterEach(async () => {
  await fake?.close();
  await temp.cleanup();
});

async function startWithDoc(extra: Partial<Parameters<typeof startFakeGrist>[0]> = {}) {
  fake = await startFakeGrist({ docs: { [DOC_ID]: { Laureats: laureats(), Porteurs: porteurs() } }, apiKey: KEY, ...extra });
}

async function run(extra: Partial<GristOptions> = {}, state?: ConnectorState) {
  const ctx = testContext({ baseDir: temp.dir, cacheDir: join(temp.dir, "cache"), state, env: { GRIST_CLE_FICTIVE: KEY } });
  const result = await connector.extract({ baseUrl: fake.url, docId: DOC_ID, tableId: "Laureats", tokenEnv: "GRIST_CLE_FICTIVE", ...extra }, ctx);
  const records = await readAll(result);
  return { result, records, state: result.nextState(), provenance: result.provenance(), logs: ctx.logs };
}

describe("Grist connector", () => {
  it("reads a table with ISO dates, arrays for lists, and references shown as Grist shows them", async () => {
    await startWithDoc();
    const { result, records, provenance } = await run();
    expect(result.changed).toBe(true);
    expect(records[0]).toEqual({
      id: 1,
      Intitule: "Projet fictif A",
      Montant: 120000.5,
      Date_decision: "2026-03-01",
      Decide_le: "2026-03-01T10:00:00Z",
      Thematiques: ["Données", "Numérique"],
      Porteur: "Porteur fictif A",
      Partenaires: ["Porteur fictif B"],
      Session: "S1",
    });
    expect(records[1]).toMatchObject({ Date_decision: null, Thematiques: null, Porteur: null, Partenaires: null });
    expect(fake.requests.map((request) => request.path)).toEqual([
      `/api/docs/${DOC_ID}/tables/Laureats/columns`,
      `/api/docs/${DOC_ID}/tables/Laureats/records`,
      `/api/docs/${DOC_ID}/tables/Porteurs/columns`,
      `/api/docs/${DOC_ID}/tables/Porteurs/records`,
    ]);
    expect(provenance).toMatchObject({ connector: "grist", source: `${fake.url}/api/docs/${DOC_ID}/tables/Laureats/records`, records: 3 });
    expect(provenance.bytes).toBeGreaterThan(0);
  });

  it("gives the referenced row's fields in record mode", async () => {
    await startWithDoc();
    const { records } = await run({ references: "record" });
    expect(records[2]?.Porteur).toEqual({ id: 2, Nom: "Porteur fictif B", Siren: "999000002", Creation: "2010-09-01" });
    expect(records[2]?.Partenaires).toEqual([
      { id: 1, Nom: "Porteur fictif A", Siren: "999000001", Creation: "2001-05-14" },
      { id: 2, Nom: "Porteur fictif B", Siren: "999000002", Creation: "2010-09-01" },
    ]);
  });

  it("passes filter and sort to Grist", async () => {
    await startWithDoc();
    const { records } = await run({ filter: { Session: ["S1"] }, sort: "-Montant" });
    expect(records.map((record) => record.Intitule)).toEqual(["Projet fictif A", "Projet fictif C"]);
    const search = new URLSearchParams(fake.requests[1]?.search);
    expect(JSON.parse(search.get("filter") ?? "")).toEqual({ Session: ["S1"] });
    expect(search.get("sort")).toBe("-Montant");
  });

  it("says unchanged when the records are the same as at the last run, changed otherwise", async () => {
    await startWithDoc();
    const first = await run();
    const second = await run({}, first.state);
    expect(second.result.changed).toBe(false);
    expect(second.records).toEqual(first.records);
    fake.docs.get(DOC_ID)!.get("Porteurs")!.records[0]!.fields.Nom = "Porteur fictif A renommé";
    const third = await run({}, second.state);
    expect(third.result.changed).toBe(true);
    expect(third.records[0]?.Porteur).toBe("Porteur fictif A renommé");
  });

  it("serialises its calls to one document: parallel extractions never trip the per-document limit", async () => {
    await startWithDoc({ maxParallelPerDoc: 1, delayMs: 20 });
    const [a, b] = await Promise.all([run(), run({ tableId: "Porteurs" })]);
    expect(a.records).toHaveLength(3);
    expect(b.records).toHaveLength(2);
    expect(fake.served429).toBe(0);
  });

  it("warns about cells without value (formula errors) and dangling references", async () => {
    await startWithDoc();
    const table = fake.docs.get(DOC_ID)!.get("Laureats")!;
    table.records[0]!.fields.Montant = ["E", "ZeroDivisionError"];
    table.records[2]!.fields.Porteur = 9;
    const { records, logs } = await run();
    expect(records[0]?.Montant).toBeNull();
    expect(records[2]?.Porteur).toBeNull();
    const warnings = logs.filter((line) => line.level === "warn").map((line) => line.message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Montant: formula error ZeroDivisionError"),
        expect.stringContaining("Porteur: reference to row 9 of Porteurs, which does not exist"),
      ]),
    );
  });

  it("fails with a clear message on a refused key, without the key", async () => {
    await startWithDoc({ apiKey: "une-autre-cle-fictive" });
    const error = await run().catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("unauthorized");
    expect((error as ExtractError).message).toContain("401");
    expect(describeThrown(error).hint).toContain("GRIST_CLE_FICTIVE");
    expect(`${describeThrown(error).message} ${describeThrown(error).hint}`).not.toContain(KEY);
  });

  it("reads a public document without a key", async () => {
    await startWithDoc({ apiKey: undefined });
    const ctx = testContext({ baseDir: temp.dir, cacheDir: join(temp.dir, "cache") });
    const result = await connector.extract({ baseUrl: fake.url, docId: DOC_ID, tableId: "Porteurs" }, ctx);
    expect(await readAll(result)).toHaveLength(2);
  });

  it("waits for Retry-After on a 429, and recovers from passing 5xx", async () => {
    await startWithDoc();
    fake.faults.inject({ status: 429, retryAfter: 1 }, { status: 502 }, { status: 503 });
    const { records } = await run();
    expect(records).toHaveLength(3);
    expect(fake.faults.earlyRetries).toBe(0);
  });

  it("fails clearly on a lasting 5xx", async () => {
    await startWithDoc();
    fake.faults.inject(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).code).toBe("unavailable");
    expect((error as ExtractError).message).toMatch(/Laureats\/columns.*answered 500/);
  });

  it("reports an unknown table and answers that are not Grist's", async () => {
    await startWithDoc();
    const missing = await run({ tableId: "Inconnue" }).catch((e: unknown) => e);
    expect((missing as ExtractError).code).toBe("not-found");
    expect((missing as ExtractError).message).toContain('Table not found "Inconnue"');

    fake.faults.inject({ status: 200, body: "<html>Connexion</html>" });
    const html = await run().catch((e: unknown) => e);
    expect((html as ExtractError).code).toBe("malformed");

    fake.faults.inject({ status: 200, body: JSON.stringify({ tables: [] }), contentType: "application/json" });
    const shape = await run().catch((e: unknown) => e);
    expect((shape as ExtractError).code).toBe("malformed");
    expect((shape as ExtractError).message).toContain('no "columns" array');
  });
});
