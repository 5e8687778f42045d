import { afterEach, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "./local-server.ts";
import { json } from "./reply.ts";

/** The shared server and fault model, through real HTTP: what every fake relies on. */
let server: LocalServer;
afterEach(() => server.close());

const echo = () => startLocalServer(({ method, path, body }) => json(200, { method, path, body: body.toString("utf8") }));

describe("local server", () => {
  it("listens on 127.0.0.1 on a free port and records every request, query and status", async () => {
    server = await echo();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${server.url}/a/b?x=1`, { method: "POST", body: "corps" });
    expect(await answer.json()).toEqual({ method: "POST", path: "/a/b", body: "corps" });
    expect(server.requests).toMatchObject([{ method: "POST", path: "/a/b", search: "?x=1", status: 200 }]);
  });

  it("answers HEAD with the headers of the GET and no body", async () => {
    server = await echo();
    const answer = await fetch(`${server.url}/x`, { method: "HEAD" });
    expect(answer.headers.get("content-length")).not.toBe("0");
    expect(await answer.text()).toBe("");
  });
});

describe("fault plan", () => {
  it("plays scripted faults in order on the matching path, then serves normally", async () => {
    server = await echo();
    server.faults.inject({ path: "/cible", status: 503 }, { path: "/cible", status: 200, body: "<html>maintenance</html>" });
    expect((await fetch(`${server.url}/autre`)).status).toBe(200);
    const first = await fetch(`${server.url}/cible`);
    expect([first.status, await first.json()]).toEqual([503, { message: "Service Unavailable" }]);
    const second = await fetch(`${server.url}/cible`);
    expect([second.status, second.headers.get("content-type"), await second.text()]).toEqual([200, "text/html; charset=utf-8", "<html>maintenance</html>"]);
    expect((await fetch(`${server.url}/cible`)).status).toBe(200);
    expect(server.requests.map((request) => [request.path, request.status, request.fault])).toEqual([
      ["/autre", 200, undefined],
      ["/cible", 503, "status"],
      ["/cible", 200, "status"],
      ["/cible", 200, undefined],
    ]);
  });

  it("uses the fake's own error body for a status fault without one", async () => {
    server = await startLocalServer(() => json(200, {}), { errorReply: (status) => json(status, { erreur: `échec ${status}` }) });
    server.faults.inject({ status: 502 });
    expect(await (await fetch(server.url)).json()).toEqual({ erreur: "échec 502" });
  });

  it("holds a request without answering until the client gives up", async () => {
    server = await echo();
    server.faults.inject({ kind: "hang" });
    await expect(fetch(server.url, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(server.requests[0]).toMatchObject({ status: 0, fault: "hang" });
  });

  it("processes a request, then drops the connection: the client never hears of it", async () => {
    let processed = 0;
    server = await startLocalServer(() => {
      processed++;
      return json(201, {});
    });
    server.faults.inject({ kind: "reset", after: true });
    await expect(fetch(server.url, { method: "POST" })).rejects.toThrow();
    expect(processed).toBe(1);
    expect(server.requests[0]).toMatchObject({ status: 201, fault: "reset" });
  });

  it("counts a request that comes back before the Retry-After it was given", async () => {
    server = await echo();
    server.faults.inject({ status: 429, retryAfter: 1 });
    expect((await fetch(server.url)).headers.get("retry-after")).toBe("1");
    await fetch(server.url);
    expect(server.faults.earlyRetries).toBe(1);
  });

  it("refuses requests beyond the rate limit with its own answer, and counts them", async () => {
    server = await echo();
    server.faults.setRateLimit({ maxPerSecond: 1, path: "/limite", reply: json(429, { erreur: "trop" }, { "retry-after": "1" }) });
    const statuses = [(await fetch(`${server.url}/limite`)).status, (await fetch(`${server.url}/limite`)).status];
    expect(statuses).toEqual([200, 429]);
    expect((await fetch(`${server.url}/ailleurs`)).status).toBe(200);
    expect(server.faults.rateLimited).toBe(1);
  });

  it("draws the same random faults for the same seed", async () => {
    const run = async () => {
      server = await echo();
      server.faults.setRandomFaults({ seed: 7, serverError: 0.3, tooManyRequests: 0.2 });
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(server.url)).status);
      await server.close();
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(2);
    expect(await run()).toEqual(first);
    server = await echo();
  });
});
