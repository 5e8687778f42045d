import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startUdataServer, type UdataServer } from "../../../fakes/udata/udata-server.ts";
import { testClient } from "../../../fakes/fixtures/publish-workspace.ts";
import type { DatasetPayload } from "./types.ts";

let server: UdataServer;
beforeEach(async () => {
  server = await startUdataServer();
});
afterEach(() => server.close());

const client = (options: Parameters<typeof testClient>[3] = {}) => testClient(server.url, server.apiKey, server.organizationId, options);

function payload(title: string): DatasetPayload {
  return { title, description: "Jeu fictif", license: "lov2", frequency: "daily", tags: ["donnees-fictives"], private: false, extras: {}, organization: server.organizationId };
}

describe("DatagouvClient", () => {
  it("follows next_page through every page of the organization's datasets", async () => {
    const c = client({ pageSize: 2 });
    for (const n of [1, 2, 3, 4, 5]) await c.createDataset(payload(`Jeu fictif ${n}`));
    const listed = await c.listOrganizationDatasets(server.organizationId);
    expect(listed.map((d) => d.title).sort()).toEqual(["Jeu fictif 1", "Jeu fictif 2", "Jeu fictif 3", "Jeu fictif 4", "Jeu fictif 5"]);
    expect(server.requests.filter((r) => r.path.includes("/organizations/"))).toHaveLength(3);
  });

  it("reads a missing or deleted dataset as undefined, and a repeated DELETE of a resource as already done", async () => {
    const c = client();
    expect(await c.getDataset("0123456789abcdef01234567")).toBeUndefined();
    const dataset = await c.createDataset(payload("Jeu fictif à supprimer"));
    const id = server.addForeignResource(dataset.id, { title: "Fichier fictif", content: "a,b\n", filename: "fictif.csv" });
    expect(await c.deleteResource(dataset.id, id)).toBe(true);
    expect(await c.deleteResource(dataset.id, id)).toBe(false);
  });

  it("never sends a write without a key, and says which variable to set", async () => {
    const anonymous = testClient(server.url, undefined, undefined);
    await expect(anonymous.createDataset(payload("Jeu fictif"))).rejects.toMatchObject({ code: "datagouv-config", message: expect.stringContaining("DATAGOUV_API_KEY is not set") });
    expect(server.requests).toEqual([]);
  });

  it("maps statuses to codes: 400 with field errors, 404, 410, 415, non-JSON bodies", async () => {
    const c = client();
    await expect(c.createDataset({ ...payload("Jeu fictif"), license: "licence-inexistante" })).rejects.toMatchObject({ code: "datagouv-invalid", status: 400, fieldErrors: { license: expect.any(Array) } });
    await expect(c.updateDataset("0123456789abcdef01234567", { title: "x" })).rejects.toMatchObject({ code: "datagouv-not-found", status: 404 });
    const dataset = await c.createDataset(payload("Jeu fictif supprimé"));
    server.faults.inject({ method: "PUT", kind: "status", status: 410, body: { message: "Dataset has been deleted" } });
    await expect(c.updateDataset(dataset.id, { title: "x" })).rejects.toMatchObject({ code: "datagouv-gone", message: expect.stringContaining("deleted") });
    server.faults.inject({ method: "POST", kind: "status", status: 415, body: { message: "Incorrect file content type: HTML" } });
    await expect(c.uploadNewResource(dataset.id, { path: new URL(import.meta.url).pathname, filename: "fictif.csv", size: 1 })).rejects.toMatchObject({ code: "datagouv-unsupported-media" });
    server.faults.inject({ method: "GET", kind: "html", status: 500, times: 4 });
    await expect(c.getDataset(dataset.id)).rejects.toMatchObject({ code: "datagouv-bad-gateway-html", message: expect.stringContaining("not JSON") });
  });

  it("tells how far an upload is after each part of a chunked upload, and once a whole file is sent", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aap-upload-"));
    const path = join(dir, "fictif.csv");
    await writeFile(path, `id,nom\n${"1,Projet fictif\n".repeat(160)}`);
    const size = (await stat(path)).size;
    const sent: [string, number][] = [];
    const c = client({ chunkThreshold: 1000, chunkSize: 1000, onUploadProgress: (file, bytes) => sent.push([file.filename, bytes]) });
    const dataset = await c.createDataset(payload("Jeu fictif envoyé en parties"));
    await c.uploadNewResource(dataset.id, { path, filename: "fictif.csv", size });
    expect(size).toBe(2567);
    expect(sent).toEqual([["fictif.csv", 1000], ["fictif.csv", 2000], ["fictif.csv", 2567]]);
    sent.length = 0;
    await client({ onUploadProgress: (file, bytes) => sent.push([file.filename, bytes]) }).uploadNewResource(dataset.id, { path, filename: "fictif.csv", size });
    expect(sent).toEqual([["fictif.csv", 2567]]);
    await rm(dir, { recursive: true, force: true });
  });

  it("times out on an answer slower than its limit, after retrying the idempotent call", async () => {
    // undici checks header timeouts on a coarse (about 1 s) clock: the delay is well above it.
    const c = client({ timeoutMs: 500, retry: { retries: 1, minDelayMs: 5, maxDelayMs: 50, statuses: [503] } });
    server.faults.inject({ method: "GET", kind: "delay", delayMs: 2_500, times: 2 });
    await expect(c.getDataset("0123456789abcdef01234567")).rejects.toMatchObject({ code: "datagouv-timeout", message: expect.stringContaining("no answer in time") });
    expect(server.requests.filter((r) => r.method === "GET")).toHaveLength(2);
  });
});
