import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeDrift } from "./drift.ts";
import { publishDataset } from "./publish-dataset.ts";
import { call } from "../../fakes/udata/test-client.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import { createWorkspace, liveDatasets, testClient, writeRequests, type Workspace } from "../../fakes/fixtures/publish-workspace.ts";
import type { LocalDataset } from "./types.ts";

let server: UdataServer;
let ws: Workspace;
let local: LocalDataset;

beforeEach(async () => {
  server = await startUdataServer();
  ws = await createWorkspace();
  local = await ws.write({ "appels.csv": "id\nAAP-FICTIF-1\n", "laureats.csv": "id\nL-FICTIF-1\n", "documentation.md": "# Fictif\n" });
  await publish(false);
});
afterEach(async () => {
  await server.close();
  await ws.remove();
});

function publish(dryRun: boolean) {
  return publishDataset(local, { client: testClient(server.url, server.apiKey, server.organizationId), stateFile: ws.stateFile, dryRun });
}

const dataset = () => liveDatasets(server)[0]!;
const resourceId = (key: string) => dataset().resources.find((r) => r.extras?.["aap:key"] === key)!.id;

/** What a person did on data.gouv.fr, then what the next check reads from the plan. */
async function driftAfter(change: () => Promise<unknown> | void): Promise<string[]> {
  await change();
  const mark = server.requests.length;
  const checked = await publish(true);
  expect(writeRequests(server, mark)).toEqual([]);
  return describeDrift(checked.plan);
}

describe("describeDrift: what changed on the server behind the pipeline's back", () => {
  it("nothing when the server holds what was published", async () => {
    expect(await driftAfter(() => undefined)).toEqual([]);
  });

  it("a resource deleted, another retitled", async () => {
    const drift = await driftAfter(async () => {
      await call(server, "DELETE", `/api/1/datasets/${dataset().id}/resources/${resourceId("laureats.csv")}/`);
      await call(server, "PUT", `/api/1/datasets/${dataset().id}/resources/${resourceId("appels.csv")}/`, { json: { title: "Titre changé à la main" } });
    });
    expect(drift).toEqual(["appels.csv: metadata changed on the server (title): put back", "laureats.csv: missing on the server: uploaded again (14 B)", "resources out of the package order: reordered"]);
  });

  it("the dataset retitled and emptied", async () => {
    const drift = await driftAfter(async () => {
      for (const resource of dataset().resources) await call(server, "DELETE", `/api/1/datasets/${dataset().id}/resources/${resource.id}/`);
      server.editDataset(dataset().id, { title: "Titre changé à la main" });
    });
    expect(drift[0]).toBe("dataset metadata changed on the server (title): put back");
    expect(drift.filter((line) => line.includes("missing on the server"))).toHaveLength(3);
  });

  it("the dataset deleted, or the server emptied", async () => {
    const id = dataset().id;
    await call(server, "DELETE", `/api/1/datasets/${id}/`);
    // A soft delete leaves the dataset readable by its members: it is restored, files and all.
    expect(await driftAfter(() => undefined)).toEqual([`the dataset ${id} was deleted on the server: it is restored, with the same id and address`]);
    expect(await driftAfter(() => server.empty())).toEqual(["the dataset is missing on the server (deleted or purged): it is created again with every file"]);
  });
});
