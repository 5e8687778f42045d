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

describe("dataset listings", () => {
  it("pages an organization's datasets with absolute next_page links, private ones for members only", async () => {
    for (const title of ["Fictif A", "Fictif B", "Fictif C"]) await createDataset(server, { title, private: title === "Fictif C" });
    const path = `/api/1/organizations/${server.organizationId}/datasets/`;
    const first = await call(server, "GET", `${path}?page=1&page_size=2`);
    expect(first.body).toMatchObject({ page: 1, page_size: 2, total: 3, previous_page: null });
    expect(first.body.data).toHaveLength(2);
    const next = new URL(first.body.next_page);
    expect(next.origin).toBe(server.url);
    const second = await call(server, "GET", `${next.pathname}${next.search}`);
    expect(second.body).toMatchObject({ page: 2, next_page: null, total: 3 });
    const titles = [...first.body.data, ...second.body.data].map((dataset: { title: string }) => dataset.title);
    expect(titles.sort()).toEqual(["Fictif A", "Fictif B", "Fictif C"]);
    const outsider = await call(server, "GET", path, { key: server.outsiderApiKey });
    expect(outsider.body.total).toBe(2);
    expect((await call(server, "GET", `${path}?page=0`)).status).toBe(400);
  });

  it("lists the caller's organization datasets as a plain array, filtered by title, deleted ones flagged", async () => {
    const kept = await createDataset(server, { title: "Appels à projets fictifs" });
    const gone = await createDataset(server, { title: "Appels supprimés fictifs" });
    await createDataset(server, { title: "Autre jeu" });
    await call(server, "DELETE", `/api/1/datasets/${gone.body.id}/`);
    const response = await call(server, "GET", "/api/1/me/org_datasets/?q=appels");
    expect(Array.isArray(response.body)).toBe(true);
    const found = response.body.map((dataset: { id: string; deleted: string | null }) => [dataset.id, dataset.deleted === null]);
    expect(found).toEqual(expect.arrayContaining([[kept.body.id, true], [gone.body.id, false]]));
    expect(found).toHaveLength(2);
    expect((await call(server, "GET", "/api/1/me/org_datasets/", { key: null })).status).toBe(401);
  });

  it("filters /datasets/ by organization, which must be an ObjectId", async () => {
    const created = await createDataset(server);
    const response = await call(server, "GET", `/api/1/datasets/?organization=${server.organizationId}`);
    expect(response.body.data.map((dataset: { id: string }) => dataset.id)).toEqual([created.body.id]);
    const bad = await call(server, "GET", "/api/1/datasets/?organization=mon-organisation");
    expect(bad).toMatchObject({ status: 400, body: { message: "Organization arg must be an identifier" } });
  });
});

describe("reference lists", () => {
  it("serves licenses, frequencies, resource types, extensions and granularities", async () => {
    const licenses = await call(server, "GET", "/api/1/datasets/licenses/");
    expect(licenses.body.map((license: { id: string }) => license.id)).toEqual(expect.arrayContaining(["lov2", "odc-odbl", "notspecified"]));
    const frequencies = await call(server, "GET", "/api/1/datasets/frequencies/");
    expect(frequencies.body).toContainEqual(expect.objectContaining({ id: "daily" }));
    const types = await call(server, "GET", "/api/1/datasets/resource_types/");
    expect(types.body.map((type: { id: string }) => type.id)).toEqual(["main", "documentation", "update", "api", "code", "other"]);
    const extensions = await call(server, "GET", "/api/1/datasets/extensions/");
    expect(extensions.body).toContain("csv");
    expect(extensions.body).not.toContain("parquet");
    expect([...extensions.body].sort()).toEqual(extensions.body);
    const granularities = await call(server, "GET", "/api/1/spatial/granularities/");
    expect(granularities.body.map((level: { id: string }) => level.id)).toEqual(expect.arrayContaining(["fr:commune", "country", "other"]));
  });
});

describe("API v2", () => {
  it("returns the dataset with a resources link and pages resources with type and title filters", async () => {
    const dataset = (await createDataset(server)).body;
    await call(server, "POST", `/api/1/datasets/${dataset.id}/upload/`, { form: fileForm("a.csv", "a") });
    const doc = await call(server, "POST", `/api/1/datasets/${dataset.id}/resources/`, {
      json: { title: "Documentation fictive", url: "https://example.org/doc.pdf", filetype: "remote", type: "documentation" },
    });
    const v2 = await call(server, "GET", `/api/2/datasets/${dataset.id}/`);
    expect(v2.body.resources).toMatchObject({ rel: "subsection", type: "GET", total: 2 });
    const link = new URL(v2.body.resources.href);
    const all = await call(server, "GET", `${link.pathname}${link.search}`);
    expect(all.body).toMatchObject({ total: 2, page: 1, page_size: 50 });
    const docs = await call(server, "GET", `/api/2/datasets/${dataset.id}/resources/?type=documentation`);
    expect(docs.body.data.map((resource: { id: string }) => resource.id)).toEqual([doc.body.id]);
    const byId = await call(server, "GET", `/api/2/datasets/resources/${doc.body.id}/`);
    expect(byId.body).toMatchObject({ dataset_id: dataset.id, resource: { id: doc.body.id } });
  });

  it("merges extras on PUT, deletes keys given null or listed in DELETE", async () => {
    const dataset = (await createDataset(server, { extras: { a: 1, b: 2 } })).body;
    const path = `/api/2/datasets/${dataset.id}/extras/`;
    const merged = await call(server, "PUT", path, { json: { b: null, c: 3 } });
    expect(merged.body).toEqual({ a: 1, c: 3 });
    expect((await call(server, "DELETE", path, { json: ["a"] })).status).toBe(204);
    expect((await call(server, "GET", path)).body).toEqual({ c: 3 });
    expect(await call(server, "PUT", path, { json: ["x"] })).toMatchObject({ status: 400, body: { message: "Wrong payload format, dict expected" } });
  });
});
