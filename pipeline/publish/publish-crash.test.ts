import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { PublishEvent } from "./events.ts";
import { publishDataset } from "./publish-dataset.ts";
import type { Fault } from "../../fakes/http/faults.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import { FICTIVE_FILES, createWorkspace, download, liveDatasets, testClient, writeRequests, type Workspace } from "../../fakes/fixtures/publish-workspace.ts";
import type { LocalDataset } from "./types.ts";

/**
 * A run dies after each write in turn (the server did the write, the client never heard
 * back), without in-run recovery; the next run must converge with no duplicate.
 */

const FILES = FICTIVE_FILES;

interface Scenario {
  /** Published cleanly first (undefined: nothing exists yet). */
  before?: (ws: Workspace) => Promise<LocalDataset>;
  after: (ws: Workspace) => Promise<LocalDataset>;
}

const SCENARIOS: Record<string, Scenario> = {
  "first publication": { after: (ws) => ws.write(FILES) },
  "title changed, one file replaced, one removed, one added": {
    before: (ws) => ws.write(FILES),
    after: async (ws) => {
      const { "documentation.md": _removed, ...kept } = FILES;
      const local = await ws.write({ ...kept, "laureats.csv": "id,projet\nL-FICTIF-2,Projet fictif B\n", "sessions.csv": "id\nS-FICTIF-1\n" });
      return { ...local, title: "Titre fictif modifié" };
    },
  },
};

const KILLS: Record<string, Omit<Fault, "method">> = {
  "connection reset after the write": { kind: "reset", after: true },
  "500 after the write": { kind: "status", status: 500, after: true },
};

async function withServer<T>(task: (server: UdataServer, ws: Workspace) => Promise<T>): Promise<T> {
  const server = await startUdataServer();
  const ws = await createWorkspace();
  try {
    return await task(server, ws);
  } finally {
    await server.close();
    await ws.remove();
  }
}

function run(server: UdataServer, ws: Workspace, local: LocalDataset, extra: { recoveryRounds?: number; onEvent?: (e: PublishEvent) => void } = {}) {
  return publishDataset(local, { client: testClient(server.url, server.apiKey, server.organizationId), stateFile: ws.stateFile, ...extra });
}

/** Methods of the writes a clean run of the scenario makes. */
async function referenceWrites(scenario: Scenario): Promise<string[]> {
  return withServer(async (server, ws) => {
    if (scenario.before) await run(server, ws, await scenario.before(ws));
    const mark = server.requests.length;
    await run(server, ws, await scenario.after(ws));
    return writeRequests(server, mark).map((request) => request.method);
  });
}

describe.each(Object.entries(SCENARIOS))("killed run, then rerun: %s", (_name, scenario) => {
  it.each(Object.entries(KILLS))("after each write in turn, %s", async (_kill, kill) => {
    const methods = await referenceWrites(scenario);
    expect(methods.length).toBeGreaterThan(3);
    for (let n = 1; n <= methods.length; n++) {
      await withServer(async (server, ws) => {
        if (scenario.before) await run(server, ws, await scenario.before(ws));
        const local = await scenario.after(ws);
        const mark = server.requests.length;
        const fault: Fault = { ...kill, method: methods[n - 1] };
        let injected = false;
        const injectAt = () => {
          if (!injected && writeRequests(server, mark).length === n - 1) {
            server.faults.inject(fault);
            injected = true;
          }
        };
        injectAt();
        const killed = await run(server, ws, local, { recoveryRounds: 0, onEvent: injectAt }).then(() => "completed", () => "failed");
        expect(server.requests.slice(mark).filter((r) => r.fault).length, `write ${n}`).toBe(1);
        // Idempotent calls are retried; an upload or a creation is not, and recovery is off.
        if (methods[n - 1] === "POST") expect(killed, `write ${n}`).toBe("failed");

        await run(server, ws, local);
        await expectConverged(server, ws, local, `write ${n}`);
      });
    }
  });
});

async function expectConverged(server: UdataServer, ws: Workspace, local: LocalDataset, label: string) {
  const datasets = liveDatasets(server);
  expect(datasets, label).toHaveLength(1);
  const dataset = datasets[0]!;
  expect(dataset.title, label).toBe(local.title);
  expect(dataset.resources.map((r) => r.extras?.["aap:key"]), label).toEqual(local.resources.map((r) => r.key));
  expect(dataset.resources.map((r) => r.title), label).toEqual(local.resources.map((r) => r.title));
  for (const [index, resource] of local.resources.entries()) {
    expect((await download(dataset.resources[index]!.url)).equals(await readFile(resource.file)), label).toBe(true);
  }
  const mark = server.requests.length;
  await run(server, ws, local);
  expect(writeRequests(server, mark), label).toEqual([]);
}
