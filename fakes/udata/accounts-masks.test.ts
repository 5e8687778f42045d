import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createDataset } from "./test-client.ts";
import { startUdataServer, type UdataServer } from "./udata-server.ts";

let server: UdataServer;
beforeEach(async () => {
  server = await startUdataServer({
    organizations: [
      { id: "aaaaaaaaaaaaaaaaaaaaaaaa", name: "Organisation fictive A" },
      { id: "bbbbbbbbbbbbbbbbbbbbbbbb", name: "Organisation fictive B" },
    ],
  });
});
afterEach(async () => {
  await server.close();
});

describe("accounts and organizations", () => {
  it("makes the default user admin of the first organization only", async () => {
    expect(server.organizationId).toBe("aaaaaaaaaaaaaaaaaaaaaaaa");
    const me = await call(server, "GET", "/api/1/me/");
    expect(me.body.organizations.map((organization: { id: string }) => organization.id)).toEqual(["aaaaaaaaaaaaaaaaaaaaaaaa"]);
    const other = await createDataset(server, { organization: "bbbbbbbbbbbbbbbbbbbbbbbb" });
    expect(other.status).toBe(400);
    expect(other.body.errors).toHaveProperty("organization");
    const organization = await call(server, "GET", "/api/1/organizations/organisation-fictive-a/");
    expect(organization.body).toMatchObject({ id: "aaaaaaaaaaaaaaaaaaaaaaaa", slug: "organisation-fictive-a" });
  });
});

describe("X-Fields masks", () => {
  it("trims successful responses to the listed fields, nested ones included", async () => {
    const created = await createDataset(server, { extras: { marker: "x" } });
    const masked = await call(server, "GET", `/api/1/datasets/${created.body.id}/`, { headers: { "X-Fields": "id,slug,resources{id,checksum}" } });
    expect(masked.body).toEqual({ id: created.body.id, slug: created.body.slug, resources: [] });
    const error = await call(server, "GET", "/api/1/datasets/000000000000000000000000/", { headers: { "X-Fields": "id" } });
    expect(typeof error.body.message).toBe("string");
  });
});

describe("dataset PUT with resources", () => {
  it("rejects the same resource id twice with a model-level error", async () => {
    const created = await createDataset(server);
    const remote = await call(server, "POST", `/api/1/datasets/${created.body.id}/resources/`, {
      json: { title: "Lien fictif", url: "https://example.org/a.csv", filetype: "remote" },
    });
    const response = await call(server, "PUT", `/api/1/datasets/${created.body.id}/`, { json: { resources: [{ id: remote.body.id }, { id: remote.body.id }] } });
    expect(response.status).toBe(400);
    expect(response.body).toHaveProperty("errors.resources");
    expect(typeof response.body.message).toBe("string");
  });

  it("refuses a JSON array where a remote resource object is expected", async () => {
    const created = await createDataset(server);
    const response = await call(server, "POST", `/api/1/datasets/${created.body.id}/resources/`, { json: [{ title: "x" }] });
    expect(response).toMatchObject({ status: 400, body: { errors: { request: "expecting a JSON object" } } });
  });
});
