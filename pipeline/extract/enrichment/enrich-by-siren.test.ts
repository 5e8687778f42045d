import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_RETRY } from "../../../fakes/fixtures/test-retry.ts";
import { NO_RETRY } from "../../http/client.ts";
import { ExtractError } from "../types.ts";
import { enrichBySiren } from "./enrich-by-siren.ts";
import { startFakeRechercheEntreprises, type FakeOrganisation, type FakeRechercheEntreprises } from "../../../fakes/sources/recherche-entreprises/recherche-entreprises-server.ts";


function organisation(index: number): FakeOrganisation {
  return {
    siren: `99900${String(index).padStart(4, "0")}`,
    nom_complet: `ORGANISME FICTIF ${index}`,
    nature_juridique: index % 2 === 0 ? "7120" : "5710",
    complements: { est_service_public: index % 2 === 0, est_administration: index % 2 === 0 },
  };
}

let dir: string;
let fake: FakeRechercheEntreprises | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "enrichment-"));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe("enrichBySiren", () => {
  it("returns name, legal category and public-body flags of the result whose SIREN matches", async () => {
    const decoy: FakeOrganisation = { siren: "999888777", nom_complet: "AUTRE ORGANISME FICTIF", nature_juridique: "5499" };
    fake = await startFakeRechercheEntreprises([organisation(2), organisation(3)], { decoys: { "999000002": decoy } });
    const result = await enrichBySiren(["999000002", "999 000 003", "999000002"], { baseUrl: fake.url, cacheFile: join(dir, "sirens.json") });
    expect(result.get("999000002")).toEqual({
      siren: "999000002",
      nomComplet: "ORGANISME FICTIF 2",
      natureJuridique: "7120",
      estServicePublic: true,
      estAdministration: true,
    });
    expect(result.get("999000003")?.nomComplet).toBe("ORGANISME FICTIF 3");
    expect(fake.queries).toEqual(["999000002", "999000003"]);
    expect(fake.userAgents.every((agent) => agent.includes("aap-opendata"))).toBe(true);
  });

  it("leaves out SIRENs the API does not know and values that are not SIRENs", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1)]);
    const result = await enrichBySiren(["999000001", "999000404", "12345", "not-a-siren"], { baseUrl: fake.url, cacheFile: join(dir, "sirens.json") });
    expect([...result.keys()]).toEqual(["999000001"]);
    expect(fake.queries).toEqual(["999000001", "999000404"]);
  });

  it("stays under 7 requests per second: the server never has to refuse one", async () => {
    const organisations = Array.from({ length: 16 }, (_, index) => organisation(index));
    fake = await startFakeRechercheEntreprises(organisations, { maxPerSecond: 7 });
    const result = await enrichBySiren(organisations.map((o) => o.siren), { baseUrl: fake.url, cacheFile: join(dir, "sirens.json"), retry: NO_RETRY });
    expect(result.size).toBe(16);
    expect(fake.queries).toHaveLength(16);
    expect(fake.served429).toBe(0);
  });

  it("shares the limit between lookups running at the same time", async () => {
    const organisations = Array.from({ length: 16 }, (_, index) => organisation(index));
    fake = await startFakeRechercheEntreprises(organisations, { maxPerSecond: 7 });
    const sirens = organisations.map((o) => o.siren);
    const [a, b] = await Promise.all([
      enrichBySiren(sirens.slice(0, 8), { baseUrl: fake.url, cacheFile: join(dir, "a.json"), retry: NO_RETRY }),
      enrichBySiren(sirens.slice(8), { baseUrl: fake.url, cacheFile: join(dir, "b.json"), retry: NO_RETRY }),
    ]);
    expect(a.size + b.size).toBe(16);
    expect(fake.served429).toBe(0);
  });

  it("keeps answers on disk: a second run makes no request", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1), organisation(2)]);
    const cacheFile = join(dir, "cache", "sirens.json");
    const first = await enrichBySiren(["999000001", "999000002", "999000404"], { baseUrl: fake.url, cacheFile });
    const second = await enrichBySiren(["999000001", "999000002", "999000404"], { baseUrl: fake.url, cacheFile });
    expect(second).toEqual(first);
    expect(fake.queries).toHaveLength(3);
  });

  it("asks again for answers older than maxAgeDays", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1)]);
    const cacheFile = join(dir, "sirens.json");
    const stale = { siren: "999000001", nomComplet: "ANCIEN NOM FICTIF", natureJuridique: "5710" };
    await writeFile(cacheFile, JSON.stringify({ version: 1, entries: { "999000001": { info: stale, fetchedAt: "2020-01-01T00:00:00.000Z" } } }));
    const result = await enrichBySiren(["999000001"], { baseUrl: fake.url, cacheFile, maxAgeDays: 30 });
    expect(result.get("999000001")?.nomComplet).toBe("ORGANISME FICTIF 1");
  });

  it("waits for Retry-After after a 429 before asking again", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1)]);
    fake.faults.inject({ status: 429, retryAfter: 1 });
    const result = await enrichBySiren(["999000001"], { baseUrl: fake.url, cacheFile: join(dir, "sirens.json"), retry: TEST_RETRY });
    expect(result.get("999000001")?.nomComplet).toBe("ORGANISME FICTIF 1");
    expect(fake.queries).toHaveLength(2);
    expect(fake.faults.earlyRetries).toBe(0);
  });

  it("recovers from a passing 5xx", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1)]);
    fake.faults.inject({ status: 502 }, { status: 503 });
    const result = await enrichBySiren(["999000001"], { baseUrl: fake.url, cacheFile: join(dir, "sirens.json"), retry: TEST_RETRY });
    expect(result.has("999000001")).toBe(true);
  });

  it("fails clearly on a lasting 5xx, keeping what it already fetched in the cache", async () => {
    fake = await startFakeRechercheEntreprises([organisation(1), organisation(2)]);
    const cacheFile = join(dir, "sirens.json");
    await enrichBySiren(["999000001"], { baseUrl: fake.url, cacheFile });
    await fake.close();
    fake = await startFakeRechercheEntreprises([organisation(1), organisation(2), organisation(3)]);
    fake.faults.inject({ status: 200, body: JSON.stringify({ results: [organisation(2)] }) }, ...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await enrichBySiren(["999000001", "999000002", "999000003"], { baseUrl: fake.url, cacheFile, retry: TEST_RETRY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).code).toBe("enrichment-failed");
    expect((error as ExtractError).message).toMatch(/SIREN 999000003.*answered 500/);
    const cached = JSON.parse(await readFile(cacheFile, "utf8")) as { entries: Record<string, unknown> };
    expect(Object.keys(cached.entries)).toEqual(["999000001", "999000002"]);
  });

  it("reports an answer that is not JSON", async () => {
    fake = await startFakeRechercheEntreprises([]);
    fake.faults.inject({ status: 200, body: "<html>maintenance</html>" });
    const error = await enrichBySiren(["999000001"], { baseUrl: fake.url, cacheFile: join(dir, "sirens.json") }).catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("enrichment-failed");
    expect((error as ExtractError).message).toMatch(/not JSON/);
  });
});
