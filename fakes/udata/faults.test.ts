import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createDataset, fileForm } from "./test-client.ts";
import { startUdataServer, type UdataServer } from "./udata-server.ts";

let server: UdataServer;
beforeEach(async () => {
  server = await startUdataServer();
});
afterEach(async () => {
  await server.close();
});

describe("fault injection", () => {
  it("answers an injected status with a JSON body and Retry-After, for the given number of matching requests", async () => {
    const dataset = (await createDataset(server)).body;
    server.faults.inject({ method: "GET", path: new RegExp(`^/api/1/datasets/${dataset.id}/$`), kind: "status", status: 429, retryAfter: 2, times: 2 });
    const list = await call(server, "GET", "/api/1/datasets/licenses/");
    expect(list.status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt++) {
      const throttled = await call(server, "GET", `/api/1/datasets/${dataset.id}/`);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get("retry-after")).toBe("2");
      expect(typeof throttled.body.message).toBe("string");
    }
    expect((await call(server, "GET", `/api/1/datasets/${dataset.id}/`)).status).toBe(200);
    expect(server.requests.filter((request) => request.fault).map((request) => [request.status, request.fault])).toEqual([
      [429, "status"],
      [429, "status"],
    ]);
  });

  it("serves a proxy's HTML 502 page", async () => {
    server.faults.inject({ kind: "html" });
    const response = await call(server, "GET", "/api/1/datasets/licenses/");
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(response.text).toContain("502 Bad Gateway");
  });

  it("resets the socket before processing: nothing is created", async () => {
    server.faults.inject({ method: "POST", path: /^\/api\/1\/datasets\/$/, kind: "reset" });
    await expect(createDataset(server)).rejects.toThrow();
    expect(server.datasets()).toHaveLength(0);
  });

  it("resets the socket after processing: the upload happened but the client never heard", async () => {
    const dataset = (await createDataset(server)).body;
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "reset", after: true });
    await expect(call(server, "POST", `/api/1/datasets/${dataset.id}/upload/`, { form: fileForm("a.csv", "aaa") })).rejects.toThrow();
    const [stored] = server.datasets();
    expect(stored!.resources).toHaveLength(1);
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", status: 201, fault: "reset" });
  });

  it("replaces a processed answer with an injected 502 when `after` is set", async () => {
    server.faults.inject({ method: "POST", kind: "status", status: 502, after: true });
    const response = await createDataset(server);
    expect(response.status).toBe(502);
    expect(server.datasets()).toHaveLength(1);
  });

  it("delays an answer, then serves it normally", async () => {
    server.faults.inject({ kind: "delay", delayMs: 50 });
    const response = await call(server, "GET", "/api/1/datasets/frequencies/");
    expect(response.status).toBe(200);
    expect(server.requests.at(-1)).toMatchObject({ status: 200, fault: "delay" });
  });
});

describe("read-only mode", () => {
  it("blocks creations and uploads with 423 but lets metadata updates through", async () => {
    const dataset = (await createDataset(server)).body;
    const rid = (await call(server, "POST", `/api/1/datasets/${dataset.id}/upload/`, { form: fileForm("a.csv", "a") })).body.id;
    server.setReadOnly(true);
    const message = { message: "Due to security reasons, the creation of new content is currently disabled." };
    expect(await createDataset(server)).toMatchObject({ status: 423, body: message });
    expect(await call(server, "POST", `/api/1/datasets/${dataset.id}/upload/`, { form: fileForm("b.csv", "b") })).toMatchObject({ status: 423, body: message });
    expect(await call(server, "POST", `/api/1/datasets/${dataset.id}/resources/${rid}/upload/`, { form: fileForm("a.csv", "b") })).toMatchObject({ status: 423 });
    expect(
      await call(server, "POST", `/api/1/datasets/${dataset.id}/resources/`, { json: { title: "T", url: "https://example.org/x.csv", filetype: "remote" } }),
    ).toMatchObject({ status: 423 });
    expect((await call(server, "PUT", `/api/1/datasets/${dataset.id}/`, { json: { private: false } })).status).toBe(200);
    server.setReadOnly(false);
    expect((await createDataset(server)).status).toBe(201);
  });
});

describe("random faults", () => {
  async function statuses(seed: number): Promise<number[]> {
    server.faults.setRandomFaults({ seed, serverError: 0.2, tooManyRequests: 0.1, reset: 0.05 });
    const out: number[] = [];
    for (let i = 0; i < 60; i++) out.push((await call(server, "GET", "/api/1/datasets/frequencies/").catch(() => ({ status: 0 }))).status);
    server.faults.setRandomFaults(undefined);
    return out;
  }

  it("fails API requests at the given rates with 5xx, 429 and resets, the same way for the same seed", async () => {
    const first = await statuses(7);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(25);
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(first).toContain(429);
    expect(first).toContain(0);
    expect(await statuses(7)).toEqual(first);
    expect((await call(server, "GET", "/api/1/datasets/frequencies/")).status).toBe(200);
  });

  it("empties the server: every dataset and file gone, the key still valid", async () => {
    const dataset = (await createDataset(server)).body;
    server.empty();
    expect(server.datasets()).toEqual([]);
    expect((await call(server, "GET", `/api/1/datasets/${dataset.id}/`)).status).toBe(404);
    expect((await createDataset(server)).status).toBe(201);
  });
});
