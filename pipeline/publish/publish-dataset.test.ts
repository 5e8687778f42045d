import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readPackageState } from "./publication-state.ts";
import { formatPublishResult } from "./format-result.ts";
import { publishDataset } from "./publish-dataset.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { FICTIVE_FILES, freshServerAndWorkspace, download, liveDatasets, testClient, writeRequests, type Workspace } from "../../fakes/fixtures/publish-workspace.ts";
import type { LocalDataset } from "./types.ts";

let server: UdataServer;
let ws: Workspace;
freshServerAndWorkspace((s, w) => ([server, ws] = [s, w]));

const FILES = FICTIVE_FILES;

function client(options: Parameters<typeof testClient>[3] = {}) {
  return testClient(server.url, server.apiKey, server.organizationId, options);
}

async function publish(local: LocalDataset, options: Parameters<typeof testClient>[3] = {}) {
  return publishDataset(local, { client: client(options), stateFile: ws.stateFile });
}

function onlyDataset() {
  const datasets = liveDatasets(server);
  expect(datasets).toHaveLength(1);
  return datasets[0]!;
}

async function expectServedBytesEqualLocal(local: LocalDataset) {
  const dataset = onlyDataset();
  for (const resource of local.resources) {
    const remote = dataset.resources.find((r) => r.extras?.["aap:key"] === resource.key);
    expect(remote, resource.key).toBeDefined();
    const local = await readFile(resource.file);
    expect((await download(remote!.url)).equals(local)).toBe(true);
    // The stable permalink reusers bookmark redirects to the current file.
    expect((await download(`${server.url}/api/1/datasets/r/${remote!.id}`)).equals(local)).toBe(true);
  }
}

describe("publishDataset against the fake data.gouv.fr", () => {
  it("publishes a package the first time: one dataset in the organization, resources in package order, bytes served back identical", async () => {
    const local = await ws.write(FILES);
    const result = await publish(local);
    expect(result.plan.dataset.action).toBe("create");
    const dataset = onlyDataset();
    expect(dataset).toMatchObject({ title: local.title, license: "lov2", frequency: "daily", private: false, organization: { id: server.organizationId } });
    expect(dataset.tags).toEqual(["appels-a-projets", "donnees-fictives"]);
    expect(dataset.extras).toMatchObject({ "aap:package": "paquet-fictif", "aap:schema-version": "0.1.0-fictif" });
    expect(dataset.resources.map((r) => r.title)).toEqual(local.resources.map((r) => r.title));
    expect(dataset.resources.map((r) => r.type)).toEqual(["main", "main", "documentation", "other"]);
    expect(dataset.resources[0]?.extras).toMatchObject({ "aap:key": "appels.csv", "aap:commit": "0000000fictif" });
    expect(dataset.resources[0]?.schema).toMatchObject({ url: "https://example.test/schemas/appels.csv.schema.json" });
    await expectServedBytesEqualLocal(local);
    expect(result.dataset?.id).toBe(dataset.id);
    const state = await readPackageState(ws.stateFile, server.url, "paquet-fictif");
    expect(state.datasetId).toBe(dataset.id);
    expect(Object.keys(state.resources)).toEqual(Object.keys(FILES));
    expect(result.actions.filter((a) => a.step === "upload").map((a) => a.bytes)).toEqual(Object.values(FILES).map((c) => Buffer.byteLength(c)));
    const report = formatPublishResult(result, "text");
    expect(report).toMatch(/done {3}upload appels\.csv \(1 HTTP calls, \d+ B sent\)/);
    expect(report).toContain("total: 10 writes");
  });

  it("sends no upload and no PUT on a second run without change", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const before = server.requests.length;
    const result = await publish(local);
    expect(writeRequests(server, before)).toEqual([]);
    expect(formatPublishResult(result, "text")).toContain("nothing to change");
    expect(result.plan.dataset.action).toBe("unchanged");
    expect(result.plan.resources.every((step) => step.action === "unchanged")).toBe(true);
    expect(result.plan.reorder).toBe(false);
  });

  it("replaces exactly the changed file, on the same resource id, and restores its title", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const before = onlyDataset().resources.find((r) => r.extras?.["aap:key"] === "laureats.csv")!;
    const changed = await ws.write({ ...FILES, "laureats.csv": "id,projet\nL-FICTIF-1,Projet fictif A\nL-FICTIF-2,Projet fictif B\n" }, { resources: local.resources });
    const mark = server.requests.length;
    const result = await publish({ ...changed, resources: changed.resources.map((r) => (r.key === "laureats.csv" ? { ...r, provenance: { "aap:commit": "1111111fictif" } } : r)) });
    expect(result.plan.resources.map((s) => s.action)).toEqual(["unchanged", "replace", "unchanged", "unchanged"]);
    const writes = writeRequests(server, mark);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /api/1/datasets/${onlyDataset().id}/resources/${before.id}/upload/`,
      `PUT /api/1/datasets/${onlyDataset().id}/resources/${before.id}/`,
    ]);
    const after = onlyDataset().resources.find((r) => r.id === before.id)!;
    expect(after.title).toBe("Fichier fictif laureats.csv");
    expect(after.extras?.["aap:commit"]).toBe("1111111fictif");
    expect(onlyDataset().resources).toHaveLength(4);
    await expectServedBytesEqualLocal(changed);
  });

  it("deletes a resource that left the package and leaves a resource added by someone else untouched", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const dataset = onlyDataset();
    const foreignId = server.addForeignResource(dataset.id, { title: "Note ajoutée à la main", content: "note fictive\n", filename: "note.txt" });
    const foreignBefore = onlyDataset().resources.find((r) => r.id === foreignId)!;
    const removed = dataset.resources.find((r) => r.extras?.["aap:key"] === "laureats.csv")!;
    const mark = server.requests.length;
    const result = await publish({ ...local, resources: local.resources.filter((r) => r.key !== "laureats.csv") });
    expect(result.plan.resources.filter((s) => s.action === "delete").map((s) => s.id)).toEqual([removed.id]);
    expect(writeRequests(server, mark).filter((w) => w.method === "DELETE").map((w) => w.path)).toEqual([`/api/1/datasets/${dataset.id}/resources/${removed.id}/`]);
    const after = onlyDataset();
    expect(after.resources.map((r) => r.extras?.["aap:key"] ?? r.id)).toEqual(["appels.csv", "documentation.md", "datapackage.json", foreignId]);
    expect(after.resources.find((r) => r.id === foreignId)).toEqual(foreignBefore);
  });

  it("keeps the dataset id when the title changes (the slug follows the title)", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const before = onlyDataset();
    const mark = server.requests.length;
    const result = await publish({ ...local, title: "Appels à projets fictifs, nouveau titre" });
    expect(result.plan.dataset).toMatchObject({ action: "update", fields: ["title"] });
    const after = onlyDataset();
    expect(after.id).toBe(before.id);
    expect(after.slug).not.toBe(before.slug);
    expect(after.slug).toContain("nouveau-titre");
    expect(writeRequests(server, mark).map((w) => `${w.method} ${w.path}`)).toEqual([`PUT /api/1/datasets/${before.id}/`]);
  });

  it("restores metadata changed by hand on the server, keeping the extras the platform added", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const dataset = onlyDataset();
    server.editDataset(dataset.id, {
      title: "Titre changé à la main", tags: ["autre-tag"], private: true, license: "cc-by",
      extras: { "check:available": true, "aap:schema-version": "modifiee" },
    });
    const resource = dataset.resources[1]!;
    await client().updateResource(dataset.id, resource.id, { description: "Description changée à la main" });
    const result = await publish(local);
    expect(result.plan.dataset).toMatchObject({ action: "update", fields: ["title", "license", "tags", "private", "extras"] });
    expect(result.plan.resources[1]).toMatchObject({ action: "update-metadata", fields: ["description"] });
    const after = onlyDataset();
    expect(after).toMatchObject({ title: local.title, license: "lov2", private: false, tags: ["appels-a-projets", "donnees-fictives"] });
    expect(after.extras).toEqual({ "check:available": true, "aap:schema-version": "0.1.0-fictif", "aap:package": "paquet-fictif" });
    expect(after.resources[1]?.description).toBe(local.resources[1]?.description);
    const mark = server.requests.length;
    await publish(local);
    expect(writeRequests(server, mark)).toEqual([]);
  });

  it("finds its dataset by the marker in the extras when the state file is lost", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const id = onlyDataset().id;
    const mark = server.requests.length;
    const result = await publishDataset(local, { client: client(), stateFile: `${ws.dir}/autre-etat.json` });
    expect(result.dataset?.id).toBe(id);
    expect(writeRequests(server, mark)).toEqual([]);
    expect(liveDatasets(server)).toHaveLength(1);
  });

  it("publishes a private dataset and finds it again among the organization's datasets when the state is lost", async () => {
    const local = await ws.write(FILES, { private: true });
    await publish(local);
    expect(onlyDataset().private).toBe(true);
    const mark = server.requests.length;
    const result = await publishDataset(local, { client: client(), stateFile: `${ws.dir}/etat-perdu.json` });
    expect(result.plan.dataset.action).toBe("unchanged");
    expect(writeRequests(server, mark)).toEqual([]);
  });

  it("prints the plan in a dry run without writing anything, even without an API key", async () => {
    const local = await ws.write(FILES);
    const anonymous = testClient(server.url, undefined, server.organizationId);
    const result = await publishDataset(local, { client: anonymous, stateFile: ws.stateFile, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.plan.resources.map((s) => s.action)).toEqual(["create", "create", "create", "create"]);
    expect(writeRequests(server)).toEqual([]);
    await expect(readFile(ws.stateFile)).rejects.toThrow();
  });

  it("serialises two concurrent publications of one package: a single dataset, no duplicate resource", async () => {
    const local = await ws.write(FILES);
    await Promise.all([publish(local), publish(local)]);
    expect(onlyDataset().resources).toHaveLength(4);
  });

  it("uploads through the chunked protocol above the threshold, and the file comes back identical", async () => {
    const big = Buffer.from(Array.from({ length: 1000 }, (_, i) => `L-FICTIF-${i},Projet fictif ${i}\n`).join(""));
    const local = await ws.write({ ...FILES, "laureats.csv": big });
    await publish(local, { chunkThreshold: 4096, chunkSize: 4000 });
    const parts = Math.ceil(big.length / 4000);
    const uploads = server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/upload/"));
    expect(uploads).toHaveLength(3 + parts + 1);
    await expectServedBytesEqualLocal(local);
    const changed = await ws.write({ ...FILES, "laureats.csv": Buffer.concat([big, Buffer.from("L-FICTIF-X,Projet fictif X\n")]) });
    await publish(changed, { chunkThreshold: 4096, chunkSize: 4000 });
    await expectServedBytesEqualLocal(changed);
    expect(onlyDataset().resources).toHaveLength(4);
  });

  it("retries a chunk part after a reset or a 503, without duplicating the resource", async () => {
    const big = Buffer.from(Array.from({ length: 600 }, (_, i) => `L-FICTIF-${i},Projet fictif ${i}\n`).join(""));
    const local = await ws.write({ "laureats.csv": big });
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "reset" });
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 503 });
    await publish(local, { chunkThreshold: 4096, chunkSize: 4000 });
    expect(server.requests.filter((r) => r.fault)).toHaveLength(2);
    expect(onlyDataset().resources).toHaveLength(1);
    await expectServedBytesEqualLocal(local);
  });

  it("sends nothing for a package that failed validation", async () => {
    const local = await ws.write(FILES);
    await expect(publish({ ...local, valid: false })).rejects.toMatchObject({ code: "invalid-package" });
    expect(server.requests).toEqual([]);
  });
});
