import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createDataset } from "./test-client.ts";
import { startUdataServer, type UdataServer } from "./udata-server.ts";

let server: UdataServer;
beforeEach(async () => {
  server = await startUdataServer();
});
afterEach(async () => {
  await server.close();
});

describe("authentication", () => {
  it("refuses an unknown key even on a public read", async () => {
    const created = await createDataset(server);
    const response = await call(server, "GET", `/api/1/datasets/${created.body.id}/`, { key: "udata_not_a_real_key" });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: "Invalid API token" });
  });

  it("asks for credentials on a write without key", async () => {
    const response = await call(server, "POST", "/api/1/datasets/", { key: null, json: { title: "T", description: "D" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="uData"');
    expect(typeof response.body.message).toBe("string");
  });

  it("reads the header case-insensitively", async () => {
    const response = await call(server, "GET", "/api/1/me/org_datasets/", { key: null, headers: { "x-api-key": server.apiKey } });
    expect(response.status).toBe(200);
  });

  it("forbids a non-member to modify the organization's dataset", async () => {
    const created = await createDataset(server);
    const response = await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { key: server.outsiderApiKey, json: { private: false } });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ message: "You do not have the permission to modify that object." });
  });

  it("answers 400 on errors.organization when creating as an organization one is not in", async () => {
    const response = await createDataset(server, {});
    expect(response.status).toBe(201);
    const outsider = await call(server, "POST", "/api/1/datasets/", {
      key: server.outsiderApiKey,
      json: { title: "T", description: "D", organization: server.organizationId },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body).toEqual({ errors: { organization: ["Permission denied for this organization"] } });
  });
});

describe("dataset creation", () => {
  it("returns 201 with defaults, a 24-hex id and a slug from the title", async () => {
    const response = await createDataset(server, { title: "Appels à projets : lauréats (fictif)" });
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(response.body).toMatchObject({
      slug: "appels-a-projets-laureats-fictif",
      private: false,
      frequency: "unknown",
      license: "notspecified",
      resources: [],
      deleted: null,
      owner: null,
      organization: { id: server.organizationId },
    });
  });

  it("requires a JSON content type", async () => {
    const response = await call(server, "POST", "/api/1/datasets/", { json: { title: "T", description: "D" }, headers: { "content-type": "text/plain" } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { "Content-Type": "expecting application/json" } });
  });

  it("reports missing title and description as form errors without a message", async () => {
    const response = await call(server, "POST", "/api/1/datasets/", { json: {} });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: { title: ["This field is required."], description: ["This field is required."] } });
  });

  it("rejects an unknown frequency with udata's ValueError message and converts legacy ids", async () => {
    const bad = await createDataset(server, { frequency: "nightly" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ message: "'nightly' is not a valid UpdateFrequency" });
    const legacy = await createDataset(server, { frequency: "fortnighly" });
    expect(legacy.body.frequency).toBe("biweekly");
  });

  it("accepts license ids only (lov2, not etalab-2.0)", async () => {
    expect((await createDataset(server, { license: "lov2" })).body.license).toBe("lov2");
    const response = await createDataset(server, { license: "etalab-2.0" });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.errors)).toEqual(["license"]);
  });

  it("slugifies, deduplicates and sorts tags, and checks their length", async () => {
    const response = await createDataset(server, { tags: ["Zèbre", " Aaa bBB $$ $$-µ  ", "zebre"] });
    expect(response.body.tags).toEqual(["aaa-bbb-u", "zebre"]);
    const short = await createDataset(server, { tags: ["ab"] });
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.errors)).toEqual(["tags"]);
  });

  it("checks spatial zones and keeps temporal coverage as dates", async () => {
    const response = await createDataset(server, {
      spatial: { zones: ["fr:region:93", "country:fr"], granularity: "fr:region" },
      temporal_coverage: { start: "2024-01-01", end: "2024-12-31" },
    });
    expect(response.body.spatial).toEqual({ zones: ["fr:region:93", "country:fr"], granularity: "fr:region", geom: null });
    expect(response.body.temporal_coverage).toEqual({ start: "2024-01-01", end: "2024-12-31" });
    const unknown = await createDataset(server, { spatial: { zones: ["planete:mars"] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.spatial.zones[0]).toContain("Unknown geoid(s)");
  });

  it("suffixes -1, -2 on slug collisions, deleted datasets included", async () => {
    const first = await createDataset(server);
    await call(server, "DELETE", `/api/1/datasets/${first.body.id}/`);
    const second = await createDataset(server);
    const third = await createDataset(server);
    expect([first.body.slug, second.body.slug, third.body.slug]).toEqual([
      "jeu-de-donnees-fictif",
      "jeu-de-donnees-fictif-1",
      "jeu-de-donnees-fictif-2",
    ]);
  });
});

describe("dataset read, update and delete", () => {
  it("finds a dataset by id or slug; a renamed one keeps its id and its old slug redirects (308)", async () => {
    const created = await createDataset(server);
    const renamed = await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { json: { title: "Nouveau titre fictif", private: false } });
    expect(renamed.body).toMatchObject({ id: created.body.id, slug: "nouveau-titre-fictif" });
    const bySlug = await call(server, "GET", "/api/1/datasets/nouveau-titre-fictif/");
    expect(bySlug.body.id).toBe(created.body.id);
    const old = await call(server, "GET", `/api/1/datasets/${created.body.slug}/`);
    expect(old.status).toBe(308);
    expect(old.headers.get("location")).toBe(`${server.url}/api/1/datasets/nouveau-titre-fictif/`);
  });

  it("answers 308 to a PUT on a former slug, and the new location reaches the same dataset", async () => {
    const created = await createDataset(server);
    await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { json: { title: "Titre renommé fictif" } });
    const response = await call(server, "PUT", `/api/1/datasets/${created.body.slug}/`, { json: { description: "Nouvelle" } });
    expect(response.status).toBe(308);
    const location = new URL(response.headers.get("location")!);
    const followed = await call(server, "PUT", location.pathname, { json: { description: "Nouvelle" } });
    expect(followed.body).toMatchObject({ id: created.body.id, description: "Nouvelle" });
  });

  it("answers 404 with a message for an unknown dataset", async () => {
    const response = await call(server, "GET", "/api/1/datasets/000000000000000000000000/");
    expect(response.status).toBe(404);
    expect(typeof response.body.message).toBe("string");
  });

  it("hides private datasets (404) from non-members only", async () => {
    const created = await createDataset(server, { private: true });
    expect((await call(server, "GET", `/api/1/datasets/${created.body.id}/`)).status).toBe(200);
    expect((await call(server, "GET", `/api/1/datasets/${created.body.id}/`, { key: server.outsiderApiKey })).status).toBe(404);
    expect((await call(server, "GET", `/api/1/datasets/${created.body.id}/`, { key: null })).status).toBe(404);
  });

  it("keeps absent keys on PUT, replaces extras wholesale and turns private null into false", async () => {
    const created = await createDataset(server, { private: true, tags: ["aap-fictif"], extras: { "aap:marker": "x", other: 1 } });
    const response = await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { json: { extras: { "aap:marker": "x" }, private: null } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tags: ["aap-fictif"], description: "Description fictive.", private: false, extras: { "aap:marker": "x" } });
    expect(response.body.extras).not.toHaveProperty("other");
  });

  it("replaces the resource list when a PUT carries `resources`", async () => {
    const created = await createDataset(server);
    const id = created.body.id;
    const remote = await call(server, "POST", `/api/1/datasets/${id}/resources/`, {
      json: { title: "Lien fictif", url: "https://example.org/fictif.csv", filetype: "remote" },
    });
    const kept = await call(server, "PUT", `/api/1/datasets/${id}/`, { json: { resources: [{ id: remote.body.id, title: "Renommé" }] } });
    expect(kept.body.resources.map((resource: { id: string; title: string }) => [resource.id, resource.title])).toEqual([[remote.body.id, "Renommé"]]);
    const emptied = await call(server, "PUT", `/api/1/datasets/${id}/`, { json: { resources: [] } });
    expect(emptied.body.resources).toEqual([]);
    const malformed = await call(server, "PUT", `/api/1/datasets/${id}/`, { json: { resources: [{ id: "not-a-uuid" }] } });
    expect(malformed.status).toBe(400);
  });

  it("refuses to move a dataset to another owner", async () => {
    const created = await createDataset(server);
    const response = await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { json: { organization: "5f0000000000000000000000" } });
    expect(response.status).toBe(400);
    expect(response.body.errors.organization[0]).toContain("Cannot change owner after creation");
  });

  it("soft-deletes (204), then answers 410 to non-members, to a second delete and to updates; deleted: null restores", async () => {
    const created = await createDataset(server);
    const path = `/api/1/datasets/${created.body.id}/`;
    const deleted = await call(server, "DELETE", path);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await call(server, "GET", path)).body.deleted).not.toBeNull();
    expect(await call(server, "GET", path, { key: null })).toMatchObject({ status: 410, body: { message: "Dataset has been deleted" } });
    expect((await call(server, "DELETE", path)).status).toBe(410);
    expect((await call(server, "PUT", path, { json: { title: "X" } })).status).toBe(410);
    const restored = await call(server, "PUT", path, { json: { deleted: null } });
    expect(restored.status).toBe(200);
    expect(restored.body.deleted).toBeNull();
  });

  it("redirects a path missing its trailing slash and answers unknown paths with error/status", async () => {
    const created = await createDataset(server);
    const bare = await call(server, "GET", `/api/1/datasets/${created.body.id}`);
    expect(bare.status).toBe(308);
    expect(bare.headers.get("location")).toBe(`${server.url}/api/1/datasets/${created.body.id}/`);
    const unknown = await call(server, "GET", "/api/1/nothing/here/");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404 });
    expect(typeof unknown.body.error).toBe("string");
  });
});
