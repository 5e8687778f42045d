import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PublishError } from "./errors.ts";
import type { PublishEvent } from "./events.ts";
import { publishDataset } from "./publish-dataset.ts";
import { call } from "../../fakes/udata/test-client.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { FICTIVE_FILES, freshServerAndWorkspace, download, liveDatasets, testClient, writeRequests, type Workspace } from "../../fakes/fixtures/publish-workspace.ts";
import type { LocalDataset } from "./types.ts";
import { describeThrown } from "../frictionless/index.ts";

/** A server that is not on our side: a second dataset with our marker, a flaky proxy. */

let server: UdataServer;
let ws: Workspace;
freshServerAndWorkspace((s, w) => ([server, ws] = [s, w]));

const FILES = FICTIVE_FILES;

function publish(local: LocalDataset, options: { dryRun?: boolean; stateFile?: string } = {}) {
  return publishDataset(local, { client: testClient(server.url, server.apiKey, server.organizationId), stateFile: options.stateFile ?? ws.stateFile, dryRun: options.dryRun });
}

describe("two datasets carry the package's marker", () => {
  it("the run stops before any write and names both, whether or not the state names one of them", async () => {
    const local = await ws.write(FILES);
    const first = await publish(local);
    // A second run with another state folder (another machine) that did not see the first dataset.
    const twin = await call(server, "POST", "/api/1/datasets/", {
      json: { title: local.title, description: local.description, organization: server.organizationId, extras: { "aap:package": local.package } },
    });
    const mark = server.requests.length;
    for (const stateFile of [ws.stateFile, `${ws.dir}/autre-etat/publication.json`]) {
      for (const dryRun of [false, true]) {
        const error = await publish(local, { stateFile, dryRun }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PublishError);
        expect(error).toMatchObject({ code: "duplicate-dataset" });
        expect(describeThrown(error).message).toContain(first.dataset!.id);
        expect(describeThrown(error).message).toContain((twin.body as { id: string }).id);
      }
    }
    expect(writeRequests(server, mark)).toEqual([]);
  });
});

describe("a server that fails often but lets work through", () => {
  it("keeps recovering while each round completes writes: 5 failed uploads in one run, each after progress", async () => {
    const local = await ws.write({ ...FILES, "programmes.csv": "id\nP-FICTIF-1\n", "sessions.csv": "id\nS-FICTIF-1\n" });
    let failures = 0;
    const events: PublishEvent[] = [];
    await publishDataset(local, {
      client: testClient(server.url, server.apiKey, server.organizationId),
      stateFile: ws.stateFile,
      onEvent: (event) => {
        events.push(event);
        // After each upload that went through, the next one fails with a 500 (its outcome unknown).
        if (event.type === "action" && event.action.step === "upload" && event.action.ok && failures < 5) {
          failures++;
          server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 500 });
        }
      },
    });
    expect(events.filter((e) => e.type === "recover")).toHaveLength(5);
    await expectConverged(local);
  });

  it("gives up after 3 rounds in a row that complete no write", async () => {
    const local = await ws.write(FILES);
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 500, times: 10 });
    const events: PublishEvent[] = [];
    await expect(publishDataset(local, { client: testClient(server.url, server.apiKey, server.organizationId), stateFile: ws.stateFile, onEvent: (e) => events.push(e) })).rejects.toMatchObject({ code: "datagouv-server" });
    // The first round created the dataset before its upload failed; then 3 rounds completed nothing.
    expect(events.filter((e) => e.type === "recover")).toHaveLength(4);
    expect(server.requests.filter((r) => r.fault)).toHaveLength(5);
  });
});

describe("under 20 % 5xx, 10 % 429 and 5 % connection resets", () => {
  it.each([1, 2, 3])("a first publication then a change converge with no duplicate (seed %i)", async (seed) => {
    server.faults.setRandomFaults({ seed, serverError: 0.2, tooManyRequests: 0.1, reset: 0.05 });
    let local = await ws.write(FILES);
    await untilSuccess(() => publish(local));
    local = await ws.write({ ...FILES, "laureats.csv": "id,projet\nL-FICTIF-2,Projet fictif B\n" }, { title: "Appels fictifs, titre changé" });
    await untilSuccess(() => publish(local));
    server.faults.setRandomFaults(undefined);
    expect(server.requests.filter((r) => r.fault).length).toBeGreaterThan(5);
    await expectConverged(local);
  }, 60_000);
});

/** A nightly run is repeated the next night: a few runs at most, each resuming from what the server holds. */
async function untilSuccess(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function expectConverged(local: LocalDataset) {
  const datasets = liveDatasets(server);
  expect(datasets).toHaveLength(1);
  const dataset = datasets[0]!;
  expect(dataset.title).toBe(local.title);
  expect(dataset.resources.map((r) => r.extras?.["aap:key"])).toEqual(local.resources.map((r) => r.key));
  for (const [index, resource] of local.resources.entries()) {
    expect((await download(dataset.resources[index]!.url)).equals(await readFile(resource.file))).toBe(true);
  }
  const mark = server.requests.length;
  await publish(local);
  expect(writeRequests(server, mark)).toEqual([]);
}
