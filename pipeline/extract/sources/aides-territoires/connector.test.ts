import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_RETRY } from "../../../../fakes/fixtures/test-retry.ts";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { ExtractError, type ConnectorState } from "../../types.ts";
import { createAidesTerritoiresConnector } from "./connector.ts";
import type { AidesTerritoiresOptions } from "./options.ts";
import { startFakeAidesTerritoires, type FakeAid, type FakeAidesTerritoires } from "../../../../fakes/sources/aides-territoires/aides-territoires-server.ts";
import { describeThrown } from "../../../frictionless/index.ts";

const KEY = "cle-permanente-fictive-0123456789";
const connector = createAidesTerritoiresConnector({ retry: TEST_RETRY });

function fakeAid(id: number, backers = ["999-financeur-fictif"], programs = ["programme-fictif"]): FakeAid {
  return {
    aid: { id, slug: `aide-fictive-${id}`, name: `Appel à projets fictif ${id}`, submission_deadline: "2026-06-30", financers: ["Financeur fictif"], is_live: true },
    backers,
    programs,
  };
}

let fake: FakeAidesTerritoires;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  temp = await makeTempDir("at-");
});
afterEach(async () => {
  await fake?.close();
  await temp.cleanup();
});

async function run(extra: Partial<AidesTerritoiresOptions> = {}, state?: ConnectorState) {
  const ctx = testContext({ baseDir: temp.dir, cacheDir: join(temp.dir, "cache"), state, env: { AT_CLE_FICTIVE: KEY } });
  const result = await connector.extract({ baseUrl: fake.url, tokenEnv: "AT_CLE_FICTIVE", ...extra }, ctx);
  const records = await readAll(result);
  return { result, records, state: result.nextState(), provenance: result.provenance(), logs: ctx.logs };
}

const aidRequests = () => fake.requests.filter((request) => request.path === "/api/aids/");

describe("Aides-territoires connector", () => {
  it("exchanges the key for a JWT and reads every page of the listing", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: Array.from({ length: 7 }, (_, i) => fakeAid(i + 1)), pageSize: 3 });
    const { result, records, provenance } = await run();
    expect(result.changed).toBe(true);
    expect(records.map((record) => record.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(records[0]).toEqual(fakeAid(1).aid);
    expect(fake.exchanges).toBe(1);
    expect(aidRequests().map((request) => request.search)).toEqual(["", "?page=2", "?page=3"]);
    expect(provenance).toMatchObject({ connector: "aides-territoires", source: `${fake.url}/api/aids/`, records: 7 });
  });

  it("sends backers, programmes and other filters", async () => {
    fake = await startFakeAidesTerritoires({
      apiKey: KEY,
      aids: [fakeAid(1, ["662-mtfp"]), fakeAid(2, ["999-autre"]), fakeAid(3, ["662-mtfp"], ["autre-programme"]), fakeAid(4, ["662-mtfp"])],
    });
    fake.aids[3]!.aid.is_live = false;
    const { records } = await run({ backers: ["662-mtfp"], programs: ["programme-fictif"], filters: { is_live: "true" } });
    expect(records.map((record) => record.id)).toEqual([1]);
    expect(aidRequests()[0]?.search).toBe("?backers=662-mtfp&programs=programme-fictif&is_live=true");
  });

  it("exchanges the key again once when the JWT expires during the listing", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: Array.from({ length: 5 }, (_, i) => fakeAid(i + 1)), pageSize: 2, jwtUses: 2 });
    const { records } = await run();
    expect(records).toHaveLength(5);
    expect(fake.exchanges).toBe(2);
  });

  it("says unchanged when the listing is the same as at the last run", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1), fakeAid(2)] });
    const first = await run();
    const second = await run({}, first.state);
    expect(second.result.changed).toBe(false);
    expect(second.records).toEqual(first.records);
    fake.aids.push(fakeAid(3));
    expect((await run({}, second.state)).result.changed).toBe(true);
  });

  it("fails with a clear message when the key is refused, without the key", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: "une-autre-cle-fictive", aids: [fakeAid(1)] });
    const error = await run().catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("unauthorized");
    expect((error as ExtractError).message).toContain("/api/connexion/ answered 401");
    expect(describeThrown(error).hint).toContain("AT_CLE_FICTIVE");
    expect(`${describeThrown(error).message} ${describeThrown(error).hint}`).not.toContain(KEY);
  });

  it("gives up when a fresh JWT is refused too", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1)], jwtUses: 0 });
    const error = await run().catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("unauthorized");
    expect(fake.exchanges).toBe(2);
    expect(describeThrown(error).message).not.toContain("jwt-fictif");
  });

  it("waits for Retry-After on a 429 and recovers from passing 5xx", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1)] });
    fake.faults.inject({ status: 503 }, { status: 429, retryAfter: 1 }, { status: 502 });
    const { records } = await run();
    expect(records).toHaveLength(1);
    expect(fake.faults.earlyRetries).toBe(0);
  });

  it("fails clearly on a lasting 5xx", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1)] });
    fake.faults.inject(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const error = await run().catch((e: unknown) => e);
    expect((error as ExtractError).code).toBe("unavailable");
    expect((error as ExtractError).message).toContain("answered 500");
  });

  it("refuses a listing whose next links loop, or leave the API's host", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1), fakeAid(2), fakeAid(3)], pageSize: 2 });
    fake.loopNext = true;
    const loop = await run().catch((e: unknown) => e);
    expect((loop as ExtractError).code).toBe("malformed");
    expect((loop as ExtractError).message).toContain("loop");

    fake.loopNext = false;
    fake.nextOrigin = "https://ailleurs.example";
    const elsewhere = await run().catch((e: unknown) => e);
    expect((elsewhere as ExtractError).message).toContain("another host (ailleurs.example)");
  });

  it("follows next links written with another scheme on the API's own host, keeping the base URL's", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1), fakeAid(2), fakeAid(3)], pageSize: 2 });
    fake.nextOrigin = fake.url.replace("http://", "https://");
    const { records } = await run();
    expect(records).toHaveLength(3);
  });

  it("reports answers that are not pages of aids", async () => {
    fake = await startFakeAidesTerritoires({ apiKey: KEY, aids: [fakeAid(1)] });
    fake.faults.inject({ status: 200, body: JSON.stringify({ token: "jwt-fictif-html" }), contentType: "application/json" }, { status: 200, body: "<html>Maintenance</html>" });
    const html = await run().catch((e: unknown) => e);
    expect((html as ExtractError).code).toBe("malformed");
    expect((html as ExtractError).message).toContain("not JSON");

    fake.faults.inject({ status: 200, body: JSON.stringify({ token: "jwt-fictif-x" }), contentType: "application/json" }, { status: 200, body: JSON.stringify({ "hydra:member": [] }), contentType: "application/json" });
    const shape = await run().catch((e: unknown) => e);
    expect((shape as ExtractError).message).toContain("not a page of aids");
  });
});
