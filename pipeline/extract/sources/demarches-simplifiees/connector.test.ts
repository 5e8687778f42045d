import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_RETRY } from "../../../../fakes/fixtures/test-retry.ts";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { ExtractError, type ConnectorState } from "../../types.ts";
import { createDemarchesSimplifieesConnector } from "./connector.ts";
import type { DemarchesSimplifieesOptions } from "./options.ts";
import { startFakeDemarchesSimplifiees, type FakeDemarchesSimplifiees } from "../../../../fakes/sources/demarches-simplifiees/demarches-simplifiees-server.ts";
import { CHAMP, fakeDemarche, fakeDossier, siretOf } from "../../../../fakes/sources/demarches-simplifiees/sample-dossiers.ts";
import { describeThrown } from "../../../frictionless/index.ts";

const TOKEN = "jeton-fictif-ds-0123456789";
const FIRST_RUN = new Date("2026-03-01T12:00:00.000Z");
const SECOND_RUN = new Date("2026-03-02T12:00:00.000Z");

let fake: FakeDemarchesSimplifiees;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  temp = await makeTempDir("ds-");
});
afterEach(async () => {
  await fake?.close();
  await temp.cleanup();
});

function options(extra: Partial<DemarchesSimplifieesOptions> = {}): DemarchesSimplifieesOptions {
  return {
    baseUrl: fake.url,
    demarche: 4242,
    tokenEnv: "DS_TOKEN_FICTIF",
    champs: { intitule: CHAMP.intitule, montant: CHAMP.montantAccorde, region: CHAMP.region, siretPorteur: CHAMP.siretPorteur },
    ...extra,
  };
}

function context(state?: ConnectorState, env: Record<string, string> = { DS_TOKEN_FICTIF: TOKEN }) {
  return testContext({ baseDir: temp.dir, cacheDir: join(temp.dir, "cache"), state, env });
}

async function run(at: Date, state?: ConnectorState, extra: Partial<DemarchesSimplifieesOptions> = {}) {
  const connector = createDemarchesSimplifieesConnector({ retry: TEST_RETRY, now: () => at });
  const ctx = context(state);
  const result = await connector.extract(options(extra), ctx);
  const records = await readAll(result);
  return { result, records, state: result.nextState(), provenance: result.provenance(), logs: ctx.logs };
}

describe("démarches-simplifiées connector", () => {
  it("reads the dossiers in the wanted state, with champs and annotations by stable id and typed values", async () => {
    fake = await startFakeDemarchesSimplifiees({
      token: TOKEN,
      demarches: [fakeDemarche(4242, [fakeDossier(1), fakeDossier(2, { state: "refuse" }), fakeDossier(3, { montant: 7500.25 }), fakeDossier(4, { state: "en_instruction" })])],
    });
    const { result, records, provenance, state } = await run(FIRST_RUN);
    expect(result.changed).toBe(true);
    expect(records.map((record) => record.number)).toEqual([1, 3]);
    expect(records[1]).toEqual({
      number: 3,
      id: Buffer.from("Dossier-3").toString("base64"),
      state: "accepte",
      archived: false,
      dateDepot: "2026-01-10T09:00:00+01:00",
      datePassageEnConstruction: "2026-01-10T09:00:00+01:00",
      datePassageEnInstruction: "2026-01-20T09:00:00+01:00",
      dateTraitement: "2026-02-01T09:00:00+01:00",
      dateDerniereModification: "2026-02-01T09:00:00+01:00",
      demandeurSiret: siretOf(3),
      demandeurRaisonSociale: "ORGANISME FICTIF 3",
      intitule: "Projet fictif 3",
      montant: 7500.25,
      region: "53",
      siretPorteur: siretOf(3),
    });
    expect(fake.queries).toHaveLength(1);
    expect(fake.queries[0]?.variables).toMatchObject({ demarche: 4242, state: "accepte", first: 100, updatedSince: null });
    expect(provenance).toMatchObject({ connector: "demarches-simplifiees", source: `${fake.url}/api/v2/graphql`, records: 2, fetchedAt: FIRST_RUN.toISOString() });
    expect(provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(provenance.bytes).toBeGreaterThan(0);
    expect(state).toMatchObject({ updatedSince: "2026-03-01T11:55:00.000Z", sha256: provenance.sha256 });
  });

  it("keys every champ by its stable id when the declaration maps none, with typed values", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    const { records } = await run(FIRST_RUN, undefined, { champs: undefined });
    expect(records[0]).toMatchObject({
      [CHAMP.intitule]: "Projet fictif 1",
      [CHAMP.cout]: 25000.5,
      [CHAMP.emplois]: 3,
      [CHAMP.dateDebut]: "2026-03-01",
      [CHAMP.region]: "53",
      [CHAMP.siretPorteur]: siretOf(1),
      [CHAMP.thematiques]: ["Données", "Numérique"],
      [CHAMP.engagement]: true,
      [CHAMP.commune]: "35238",
      [CHAMP.partenaires]: [{ [CHAMP.partenaireNom]: "Partenaire fictif" }],
      [CHAMP.montantAccorde]: 10001,
      [CHAMP.laureat]: true,
    });
  });

  it("follows the cursor over several pages of at most 100 dossiers", async () => {
    const dossiers = Array.from({ length: 250 }, (_, index) => fakeDossier(index + 1));
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, dossiers)] });
    const { records } = await run(FIRST_RUN);
    expect(records).toHaveLength(250);
    expect(new Set(records.map((record) => record.number)).size).toBe(250);
    expect(fake.queries.map((query) => query.variables.after === null)).toEqual([true, false, false]);
  });

  it("on the next run asks only for what changed since, and merges it into the previous records", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [1, 2, 3, 4].map((n) => fakeDossier(n)))] });
    const first = await run(FIRST_RUN);
    expect(first.records.map((record) => record.number)).toEqual([1, 2, 3, 4]);

    const demarche = fake.demarches.get(4242)!;
    const later = "2026-03-02T08:00:00+01:00";
    demarche.dossiers = [
      fakeDossier(1),
      fakeDossier(2, { montant: 99_999, updated: later }), // amount corrected
      fakeDossier(3, { state: "en_instruction", updated: later }), // sent back to instruction
      fakeDossier(5, { updated: later }), // newly accepted
    ];
    demarche.deletedDossiers = [{ number: 4, state: "accepte", reason: "user_request", dateSupression: later }];
    fake.queries.length = 0;

    const second = await run(SECOND_RUN, first.state);
    expect(fake.queries.map((query) => query.operationName)).toEqual(["getDossiers", "getDeletedDossiers"]);
    expect(fake.queries[0]?.variables).toMatchObject({ updatedSince: "2026-03-01T11:55:00.000Z", state: null });
    expect(fake.queries[1]?.variables).toMatchObject({ deletedSince: "2026-03-01T11:55:00.000Z" });
    expect(second.result.changed).toBe(true);
    expect(second.records.map((record) => [record.number, record.montant])).toEqual([
      [1, 10_001],
      [2, 99_999],
      [5, 10_005],
    ]);
    expect(second.state.updatedSince).toBe("2026-03-02T11:55:00.000Z");
  });

  it("after a run that failed later (state not saved), resumes from the last saved state", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [1, 2].map((n) => fakeDossier(n)))] });
    const saved = (await run(FIRST_RUN)).state;
    const demarche = fake.demarches.get(4242)!;
    demarche.dossiers = [fakeDossier(1), fakeDossier(2, { montant: 55_555, updated: "2026-03-02T08:00:00+01:00" })];
    await run(SECOND_RUN, saved); // extracted, then the run failed: its state is thrown away
    demarche.dossiers.push(fakeDossier(3, { updated: "2026-03-03T08:00:00+01:00" }));
    fake.queries.length = 0;

    const retried = await run(new Date("2026-03-03T12:00:00.000Z"), saved);
    expect(fake.queries[0]?.variables).toMatchObject({ updatedSince: saved.updatedSince });
    expect(retried.records.map((record) => [record.number, record.montant])).toEqual([
      [1, 10_001],
      [2, 55_555],
      [3, 10_003],
    ]);
  });

  it("says unchanged when nothing changed since the last run, and still yields every record", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1), fakeDossier(2)])] });
    const first = await run(FIRST_RUN);
    const second = await run(SECOND_RUN, first.state);
    expect(second.result.changed).toBe(false);
    expect(second.records).toEqual(first.records);
    expect(second.provenance.sha256).toBe(first.provenance.sha256);
  });

  it("reads everything again when the declaration's mapping changed or the snapshot is gone", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    const first = await run(FIRST_RUN);
    fake.queries.length = 0;
    const remapped = await run(SECOND_RUN, first.state, { champs: { intitule: CHAMP.intitule } });
    expect(fake.queries[0]?.variables).toMatchObject({ state: "accepte", updatedSince: null });
    expect(remapped.records[0]).not.toHaveProperty("montant");

    await rm(join(temp.dir, "cache"), { recursive: true });
    fake.queries.length = 0;
    const rebuilt = await run(SECOND_RUN, first.state);
    expect(fake.queries[0]?.variables).toMatchObject({ state: "accepte", updatedSince: null });
    expect(rebuilt.records).toEqual(first.records);
    expect(rebuilt.logs.some((line) => line.level === "warn" && line.message.includes("snapshot"))).toBe(true);
  });

  it("warns when a mapped champ id exists in no dossier", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    const { logs, records } = await run(FIRST_RUN, undefined, { champs: { porteur: "Q2hhbXAtOTk5" } });
    expect(records[0]?.porteur).toBeNull();
    const warning = logs.find((line) => line.level === "warn");
    expect(warning?.message).toContain("porteur");
    expect(warning?.data?.available).toMatchObject({ [CHAMP.intitule]: "Intitulé du projet" });
  });

  it("fails with a clear message on a refused token, without the token", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: "un-autre-jeton-fictif", demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    const error = await run(FIRST_RUN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).code).toBe("unauthorized");
    expect((error as ExtractError).message).toContain("401");
    expect(describeThrown(error).hint).toContain("DS_TOKEN_FICTIF");
    expect(JSON.stringify({ message: describeThrown(error).message, hint: describeThrown(error).hint })).not.toContain(TOKEN);
  });

  it("fails before any request when the token variable is not set", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [] });
    const connector = createDemarchesSimplifieesConnector({ retry: TEST_RETRY });
    const error = await connector.extract(options(), context(undefined, {})).catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("missing-secret");
    expect(fake.queries).toHaveLength(0);
  });

  it("waits for Retry-After when rate limited, then goes on", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    fake.faults.inject({ status: 429, retryAfter: 1, body: JSON.stringify({ errors: [{ message: "Too many requests" }] }), contentType: "application/json" });
    const { records } = await run(FIRST_RUN);
    expect(records).toHaveLength(1);
    expect(fake.faults.earlyRetries).toBe(0);
  });

  it("keeps to the API's rate limit by honouring its Retry-After", async () => {
    const dossiers = Array.from({ length: 201 }, (_, index) => fakeDossier(index + 1));
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, dossiers)], maxPerSecond: 2 });
    const { records } = await run(FIRST_RUN);
    expect(records).toHaveLength(201);
    expect(fake.served429).toBeGreaterThan(0);
    expect(fake.faults.earlyRetries).toBe(0);
  });

  it("recovers from passing 5xx answers", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    fake.faults.inject({ status: 502, body: "<html>Bad Gateway</html>" }, { status: 503 });
    const { records } = await run(FIRST_RUN);
    expect(records).toHaveLength(1);
  });

  it("fails clearly on a lasting 5xx, leaving no state to save", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    fake.faults.inject(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await run(FIRST_RUN).catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("unavailable");
    expect((error as ExtractError).message).toMatch(/démarche 4242.*answered 500.*4 attempts/);
  });

  it("reports GraphQL errors answered with HTTP 200, with their code", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [] });
    const error = await run(FIRST_RUN).catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("graphql-error");
    expect((error as ExtractError).message).toContain("[not_found] Demarche not found (at demarche)");
    expect(describeThrown(error).hint).toContain("démarche number");
  });

  it("reports an answer that is not JSON", async () => {
    fake = await startFakeDemarchesSimplifiees({ token: TOKEN, demarches: [fakeDemarche(4242, [fakeDossier(1)])] });
    fake.faults.inject({ status: 200, body: "<!DOCTYPE html><html>Maintenance</html>" });
    const error = await run(FIRST_RUN).catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("malformed");
    expect((error as ExtractError).message).toContain("not JSON");
  });
});
