import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DatagouvError } from "./datagouv/errors.ts";
import type { PublishEvent } from "./events.ts";
import { publishDataset } from "./publish-dataset.ts";
import type { Fault } from "../../fakes/http/faults.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { FICTIVE_FILES, freshServerAndWorkspace, download, liveDatasets, testClient, writeRequests, type Workspace } from "../../fakes/fixtures/publish-workspace.ts";
import type { LocalDataset } from "./types.ts";

let server: UdataServer;
let ws: Workspace;
freshServerAndWorkspace((s, w) => ([server, ws] = [s, w]));

const { "datapackage.json": _datapackage, ...FILES } = FICTIVE_FILES;

async function publish(local: LocalDataset, key = server.apiKey, events: PublishEvent[] = []) {
  return publishDataset(local, { client: testClient(server.url, key, server.organizationId), stateFile: ws.stateFile, onEvent: (e) => events.push(e) });
}

/** The dataset matches the package, with one resource per file, and a further run writes nothing. */
async function expectConverged(local: LocalDataset) {
  const datasets = liveDatasets(server);
  expect(datasets).toHaveLength(1);
  const resources = datasets[0]!.resources;
  expect(resources.map((r) => r.extras?.["aap:key"])).toEqual(local.resources.map((r) => r.key));
  expect(resources.map((r) => r.title)).toEqual(local.resources.map((r) => r.title));
  for (const [index, resource] of local.resources.entries()) {
    expect((await download(resources[index]!.url)).equals(await readFile(resource.file))).toBe(true);
  }
  const mark = server.requests.length;
  await publish(local);
  expect(writeRequests(server, mark)).toEqual([]);
}

const faulted = () => server.requests.filter((r) => r.fault !== undefined);

type Scenario = { fault: Fault; change?: (local: LocalDataset) => LocalDataset };
const retitle = (local: LocalDataset) => ({ ...local, title: `${local.title} (modifié)` });
const dropLast = (local: LocalDataset) => ({ ...local, resources: local.resources.slice(0, -1) });
const reword = (local: LocalDataset) => ({ ...local, resources: local.resources.map((r, i) => (i === 1 ? { ...r, description: "Nouvelle description fictive" } : r)) });

describe("faults on every call type are absorbed by retries (idempotent calls, or 429 = not processed)", () => {
  it.each<[string, Scenario]>([
    ["GET dataset 503", { fault: { method: "GET", path: /^\/api\/1\/datasets\/[0-9a-f]{24}\/$/, kind: "status", status: 503, times: 2 }, change: retitle }],
    ["GET organization listing, proxy HTML 502", { fault: { method: "GET", path: /\/organizations\//, kind: "html", status: 502 } }],
    ["POST dataset 429 Retry-After", { fault: { method: "POST", path: /^\/api\/1\/datasets\/$/, kind: "status", status: 429, retryAfter: 1 } }],
    ["POST upload 429 Retry-After", { fault: { method: "POST", path: /\/upload\/$/, kind: "status", status: 429, retryAfter: 1, times: 2 } }],
    ["GET dataset 500", { fault: { method: "GET", path: /^\/api\/1\/datasets\/[0-9a-f]{24}\/$/, kind: "status", status: 500 }, change: retitle }],
    ["PUT resource 500", { fault: { method: "PUT", path: /\/resources\/[^/]+\/$/, kind: "status", status: 500 } }],
    ["PUT resource 503", { fault: { method: "PUT", path: /\/resources\/[^/]+\/$/, kind: "status", status: 503 } }],
    ["PUT resource reset before processing", { fault: { method: "PUT", path: /\/resources\/[^/]+\/$/, kind: "reset" } }],
    ["PUT dataset proxy HTML 502", { fault: { method: "PUT", path: /^\/api\/1\/datasets\/[0-9a-f]{24}\/$/, kind: "html", status: 502 }, change: retitle }],
    ["PUT dataset reset after processing", { fault: { method: "PUT", path: /^\/api\/1\/datasets\/[0-9a-f]{24}\/$/, kind: "reset", after: true }, change: retitle }],
    ["PUT resource metadata 504 on an update", { fault: { method: "PUT", path: /\/resources\/[^/]+\/$/, kind: "status", status: 504 }, change: reword }],
    ["DELETE resource reset after processing", { fault: { method: "DELETE", kind: "reset", after: true }, change: dropLast }],
    ["DELETE resource 502", { fault: { method: "DELETE", kind: "status", status: 502 }, change: dropLast }],
    ["PUT reorder 503", { fault: { method: "PUT", path: /\/resources\/$/, kind: "status", status: 503 } }],
    ["slow upload answer under the timeout", { fault: { method: "POST", path: /\/upload\/$/, kind: "delay", delayMs: 300 } }],
    ["slow GET under the timeout", { fault: { method: "GET", kind: "delay", delayMs: 300, times: 3 } }],
  ])("%s", async (_name, scenario) => {
    let local = await ws.write(FILES);
    if (scenario.change) {
      await publish(local);
      local = scenario.change(local);
    }
    server.faults.inject(scenario.fault);
    const events: PublishEvent[] = [];
    await publish(local, server.apiKey, events);
    expect(faulted().length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "recover")).toBe(false);
    await expectConverged(local);
  });
});

describe("a write whose outcome is unknown is not repeated blindly: the dataset is re-read and the run continues", () => {
  it.each<[string, Fault]>([
    ["upload of a new file, reset after processing", { method: "POST", path: /\/upload\/$/, kind: "reset", after: true }],
    ["upload of a new file, 500 after processing", { method: "POST", path: /\/upload\/$/, kind: "status", status: 500, after: true }],
    ["upload of a new file, proxy HTML 502 after processing", { method: "POST", path: /\/upload\/$/, kind: "html", status: 502, after: true }],
    ["upload of a new file, answer slower than the timeout", { method: "POST", path: /\/upload\/$/, kind: "delay", delayMs: 4_000, after: true }],
    ["dataset creation, reset after processing", { method: "POST", path: /^\/api\/1\/datasets\/$/, kind: "reset", after: true }],
    ["upload, 500 before processing", { method: "POST", path: /\/upload\/$/, kind: "status", status: 500 }],
  ])("%s", async (_name, fault) => {
    const local = await ws.write(FILES);
    server.faults.inject(fault);
    const events: PublishEvent[] = [];
    await publish(local, server.apiKey, events);
    expect(events.filter((e) => e.type === "recover")).toHaveLength(1);
    const processed = fault.after === true;
    const uploads = server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/upload/"));
    const datasetPosts = server.requests.filter((r) => r.method === "POST" && r.path === "/api/1/datasets/");
    // A processed write is recognised on the re-read, never sent again.
    expect(uploads.length + datasetPosts.length).toBe(processed ? 4 : 5);
    await expectConverged(local);
  });

  it("a replace-upload whose answer was lost is recognised by its checksum; the title it overwrote is restored", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const changed = await ws.write({ ...FILES, "laureats.csv": "id,projet\nL-FICTIF-9,Projet fictif Z\n" });
    server.faults.inject({ method: "POST", path: /\/resources\/[^/]+\/upload\/$/, kind: "reset", after: true });
    const mark = server.requests.length;
    await publish(changed);
    expect(writeRequests(server, mark).filter((r) => r.path.endsWith("/upload/"))).toHaveLength(1);
    await expectConverged(changed);
  });
});

describe("failures that need a person: clear error, nothing half-done left unrecoverable", () => {
  it("423 read-only: fails with code read-only and says so", async () => {
    const local = await ws.write(FILES);
    server.setReadOnly(true);
    const error = await publish(local).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagouvError);
    expect(error).toMatchObject({ code: "datagouv-read-only", status: 423 });
    expect((error as DatagouvError).message).toMatch(/read-only mode/);
    expect(liveDatasets(server)).toEqual([]);
    server.setReadOnly(false);
    await publish(local);
    await expectConverged(local);
  });

  it("423 while uploading into an existing dataset: fails, then the next run completes", async () => {
    const local = await ws.write(FILES);
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 423, times: 1 });
    await expect(publish(local)).rejects.toMatchObject({ code: "datagouv-read-only" });
    await publish(local);
    await expectConverged(local);
  });

  it("401 with an unknown key: says to check DATAGOUV_API_KEY for the instance, never prints the key", async () => {
    const local = await ws.write(FILES);
    const wrongKey = "cle-fictive-inconnue-0123456789";
    const error = (await publish(local, wrongKey).catch((e: unknown) => e)) as DatagouvError;
    expect(error.code).toBe("datagouv-unauthorized");
    expect(error.message).toMatch(/answered 401/);
    expect(error.hint).toContain(`check DATAGOUV_API_KEY for ${server.url}`);
    expect(everyText(error)).not.toContain(wrongKey);
    expect(writeRequests(server)).toEqual([]);
  });

  it("403 with a key whose account is not a member of the organization: clear message", async () => {
    const local = await ws.write(FILES);
    await publish(local);
    const error = (await publish(retitle(local), server.outsiderApiKey).catch((e: unknown) => e)) as DatagouvError;
    expect(error.code).toBe("datagouv-forbidden");
    expect(error.message).toMatch(/not allowed to modify this dataset/);
    expect(error.hint).toMatch(/admin or editor/);
    expect(everyText(error)).not.toContain(server.outsiderApiKey);
  });

  it("429 that does not stop: fails with rate-limited after the retries", async () => {
    const local = await ws.write(FILES);
    server.faults.inject({ method: "GET", kind: "status", status: 429, retryAfter: 1, times: 20 });
    await expect(publish(local)).rejects.toMatchObject({ code: "datagouv-rate-limited", status: 429 });
  });

  it("400 names the refused fields", async () => {
    const local = await ws.write(FILES);
    const error = (await publish({ ...local, spatial: { zones: ["country:fr"], granularity: "granularite-fictive" } }).catch((e: unknown) => e)) as DatagouvError;
    expect(error.code).toBe("datagouv-invalid");
    expect(error.message).toContain("granularity");
    expect(error.fieldErrors).toHaveProperty("spatial");
    expect(writeRequests(server).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("an upload answered with another sha1 than the local file's fails the run, and the next run repairs it", async () => {
    const local = await ws.write(FILES);
    const altered = { id: "00000000-0000-4000-8000-000000000000", title: "appels.csv", type: "main", filetype: "file", url: `${server.url}/fictif`, checksum: { type: "sha1", value: "0".repeat(40) }, filesize: 3, success: true };
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 201, body: altered, after: true });
    await expect(publish(local)).rejects.toMatchObject({ code: "upload-mismatch", message: expect.stringContaining('resource "appels.csv"'), location: { package: local.package } });
    await publish(local);
    await expectConverged(local);
  });

  it("the API key appears in no error, event or state file, whatever failed", async () => {
    const local = await ws.write(FILES);
    const texts: string[] = [];
    const events: PublishEvent[] = [];
    for (const fault of [
      // As many as the attempts of one run, so that the last run is clean.
      { method: "POST", path: /\/upload\/$/, kind: "status", status: 500, times: 4 },
      { method: "PUT", kind: "reset", times: 4 },
      { method: "GET", kind: "html", status: 502, times: 4 },
    ] satisfies Fault[]) {
      server.faults.inject(fault);
      texts.push(everyText(await publish(local, server.apiKey, events).catch((e: unknown) => e)));
    }
    await publish(local, server.apiKey, events);
    await expectConverged(local);
    texts.push(JSON.stringify(events), await readFile(ws.stateFile, "utf8"));
    for (const text of texts) expect(text).not.toContain(server.apiKey);
    expect(texts.join("\n")).toMatch(/answered 500|failed|not JSON/);
  });
});

/** Message, properties and causes of an error, as a log line or a report would print them. */
function everyText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message, String(current.stack), JSON.stringify({ ...current }));
    current = current.cause;
  }
  return parts.join("\n");
}
