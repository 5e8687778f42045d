import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createDataset, fileForm } from "./test-client.ts";
import { startUdataServer, type UdataServer } from "./udata-server.ts";

let server: UdataServer;
let datasetId: string;
beforeEach(async () => {
  server = await startUdataServer();
  datasetId = (await createDataset(server, { title: "Lauréats fictifs" })).body.id;
});
afterEach(async () => {
  await server.close();
});

const upload = (filename: string, content: string | Uint8Array, fields?: Record<string, string>) =>
  call(server, "POST", `/api/1/datasets/${datasetId}/upload/`, { form: fileForm(filename, content, fields) });

async function download(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

describe("upload of a new file", () => {
  it("creates a hosted main resource with sha1, size, mime, format and a normalised filename as title", async () => {
    const response = await upload("Test_Update.txt", "aaa");
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      success: true,
      title: "test-update.txt",
      type: "main",
      filetype: "file",
      checksum: { type: "sha1", value: "7e240de74fb1ed08fa08d38063f6a6a91462a815" },
      filesize: 3,
      mime: "text/plain",
      format: "txt",
      latest: `${server.url}/api/1/datasets/r/${response.body.id}`,
    });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.url).toMatch(new RegExp(`^${server.url}/static/resources/laureats-fictifs/\\d{8}-\\d{6}/test-update\\.txt$`));
  });

  it("serves the bytes back at the url and redirects the permalink there", async () => {
    const content = "id,nom\n1,Projet fictif A\n2,Projet fictif é\n";
    const created = await upload("laureats.csv", content);
    expect(await download(created.body.url)).toEqual({ status: 200, text: content });
    const permalink = await call(server, "GET", `/api/1/datasets/r/${created.body.id}`);
    expect(permalink.status).toBe(302);
    expect(permalink.headers.get("location")).toBe(created.body.url);
  });

  it("prepends new resources and keeps format of compressed files", async () => {
    const first = await upload("a.csv", "x");
    const second = await upload("b.2022.csv.gz", "y");
    expect(second.body).toMatchObject({ format: "csv.gz", mime: "text/csv" });
    const dataset = await call(server, "GET", `/api/1/datasets/${datasetId}/`);
    expect(dataset.body.resources.map((resource: { id: string }) => resource.id)).toEqual([second.body.id, first.body.id]);
    expect(dataset.body.last_update).toBe(second.body.last_modified);
  });

  it("refuses extensions outside the allow-list with udata's exact message (missing space included)", async () => {
    const response = await upload("notes.md", "# Titre");
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      message: `This file type is not allowed.The allowed file type list is available at ${server.url}/api/1/datasets/extensions/`,
    });
  });

  it("refuses HTML content with 415", async () => {
    const response = await upload("page.csv", "<!DOCTYPE html><html><body>Erreur</body></html>");
    expect(response.status).toBe(415);
    expect(response.body).toEqual({ message: "Incorrect file content type: HTML" });
  });

  it("forbids uploads by a non-member (403) and to a deleted dataset (410)", async () => {
    const outsider = await call(server, "POST", `/api/1/datasets/${datasetId}/upload/`, { key: server.outsiderApiKey, form: fileForm("a.csv", "x") });
    expect(outsider).toMatchObject({ status: 403, body: { message: "You do not have the permission to modify that object." } });
    await call(server, "DELETE", `/api/1/datasets/${datasetId}/`);
    expect((await upload("a.csv", "x")).status).toBe(410);
    expect(server.datasets()[0]!.resources).toEqual([]);
  });

  it("asks for the file field", async () => {
    const form = new FormData();
    form.append("title", "sans fichier");
    const response = await call(server, "POST", `/api/1/datasets/${datasetId}/upload/`, { form });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, error: "Missing file parameter" });
  });
});

describe("replacement upload", () => {
  it("keeps the id, overwrites the title, refreshes checksum and deletes the old file", async () => {
    const created = await upload("laureats.csv", "v1");
    const rid = created.body.id;
    await call(server, "PUT", `/api/1/datasets/${datasetId}/resources/${rid}/`, {
      json: { title: "Lauréats (fictif)", description: "Desc", type: "main", extras: { "aap:path": "laureats.csv" } },
    });
    const replaced = await call(server, "POST", `/api/1/datasets/${datasetId}/resources/${rid}/upload/`, { form: fileForm("laureats-v2.csv", "v2") });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: rid,
      title: "laureats-v2.csv",
      description: "Desc",
      extras: { "aap:path": "laureats.csv" },
      checksum: { type: "sha1", value: createHash("sha1").update("v2").digest("hex") },
      filesize: 2,
    });
    expect((await download(replaced.body.url)).text).toBe("v2");
    expect((await download(created.body.url)).status).toBe(404);
    const dataset = await call(server, "GET", `/api/1/datasets/${datasetId}/`);
    expect(dataset.body.resources).toHaveLength(1);
  });

  it("answers 404 for an unknown resource", async () => {
    const response = await call(server, "POST", `/api/1/datasets/${datasetId}/resources/00000000-0000-4000-8000-000000000000/upload/`, {
      form: fileForm("a.csv", "x"),
    });
    expect(response).toMatchObject({ status: 404, body: { message: "Resource does not exist" } });
  });
});

describe("chunked upload", () => {
  const parts = ["Projet fictif A;", "Projet fictif B;", "C"];
  const chunkFields = (index: number, offset: number, size: number) => ({
    uuid: "11111111-2222-4333-8444-555555555555",
    filename: "gros-fichier.csv",
    partindex: String(index),
    partbyteoffset: String(offset),
    totalparts: String(parts.length),
    chunksize: String(size),
  });

  async function sendParts(path: string): Promise<void> {
    let offset = 0;
    for (const [index, part] of parts.entries()) {
      const response = await call(server, "POST", path, { form: fileForm("blob", part, chunkFields(index, offset, part.length)) });
      expect(response).toMatchObject({ status: 200, body: { success: true } });
      offset += part.length;
    }
  }

  const finish = (path: string, filename = "gros-fichier.csv") => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ uuid: "11111111-2222-4333-8444-555555555555", filename, totalparts: String(parts.length) })) {
      form.append(name, value);
    }
    return call(server, "POST", path, { form });
  };

  it("assembles the parts in order on the finishing call", async () => {
    const path = `/api/1/datasets/${datasetId}/upload/`;
    await sendParts(path);
    const done = await finish(path);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ title: "gros-fichier.csv", filesize: parts.join("").length, success: true });
    expect((await download(done.body.url)).text).toBe(parts.join(""));
  });

  it("refuses a part whose length differs from chunksize", async () => {
    const response = await call(server, "POST", `/api/1/datasets/${datasetId}/upload/`, { form: fileForm("blob", "abc", chunkFields(0, 0, 4)) });
    expect(response).toMatchObject({ status: 400, body: { success: false, error: "Chunk size mismatch" } });
  });

  it("keeps the parts when the finishing call is refused, so it can be retried", async () => {
    const path = `/api/1/datasets/${datasetId}/upload/`;
    await sendParts(path);
    expect((await finish(path, "gros-fichier.parquet")).status).toBe(400);
    expect((await finish(path)).status).toBe(201);
  });

  it("replaces an existing resource through chunks (200, same id)", async () => {
    const created = await upload("gros-fichier.csv", "old");
    const path = `/api/1/datasets/${datasetId}/resources/${created.body.id}/upload/`;
    await sendParts(path);
    const done = await finish(path);
    expect(done).toMatchObject({ status: 200, body: { id: created.body.id, filesize: parts.join("").length } });
  });
});

describe("remote resources and resource updates", () => {
  it("creates remote resources only, with type other by default and a lowercased format", async () => {
    const path = `/api/1/datasets/${datasetId}/resources/`;
    const refused = await call(server, "POST", path, { json: { title: "T", url: "https://example.org/a.csv", filetype: "file" } });
    expect(refused).toMatchObject({ status: 400, body: { message: "This endpoint only supports remote resources" } });
    const created = await call(server, "POST", path, { json: { title: "Lien fictif", url: "https://example.org/a.csv", filetype: "remote", format: " CSV " } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "other", format: "csv", filetype: "remote" });
  });

  it("ignores protected fields of hosted files, replaces extras, keeps absent keys and bumps last_modified", async () => {
    const created = await upload("a.csv", "aaa");
    const path = `/api/1/datasets/${datasetId}/resources/${created.body.id}/`;
    await call(server, "PUT", path, { json: { description: "Desc", extras: { a: 1, b: 2 } } });
    const response = await call(server, "PUT", path, {
      json: { title: "Titre fictif", url: "https://example.org/other.csv", checksum: { type: "sha1", value: "0" }, filesize: 1, format: "xls", extras: { a: 3 }, schema: { url: "https://example.org/schema.json" } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: "Titre fictif",
      description: "Desc",
      url: created.body.url,
      checksum: created.body.checksum,
      filesize: 3,
      format: "csv",
      extras: { a: 3 },
      schema: { name: null, version: null, url: "https://example.org/schema.json" },
    });
    expect(response.body.last_modified >= created.body.last_modified).toBe(true);
  });

  it("lets remote resources change url, checksum and filesize, and remove the checksum with null", async () => {
    const created = await call(server, "POST", `/api/1/datasets/${datasetId}/resources/`, {
      json: { title: "Lien fictif", url: "https://example.org/a.csv", filetype: "remote", checksum: { type: "sha256", value: "abc" }, filesize: 10 },
    });
    const path = `/api/1/datasets/${datasetId}/resources/${created.body.id}/`;
    const moved = await call(server, "PUT", path, { json: { url: "https://example.org/b.csv", filesize: 20 } });
    expect(moved.body).toMatchObject({ url: "https://example.org/b.csv", filesize: 20, checksum: { type: "sha256", value: "abc" } });
    expect((await call(server, "PUT", path, { json: { checksum: null } })).body.checksum).toBeNull();
  });

  it("refuses a filetype change and a schema version without name or url", async () => {
    const created = await upload("a.csv", "x");
    const path = `/api/1/datasets/${datasetId}/resources/${created.body.id}/`;
    expect(await call(server, "PUT", path, { json: { filetype: "remote" } })).toMatchObject({ status: 400, body: { message: "Cannot modify filetype after creation" } });
    const schema = await call(server, "PUT", path, { json: { schema: { version: "1.0.0" } } });
    expect(schema.status).toBe(400);
    expect(schema.body.errors).toHaveProperty("schema");
    const named = await call(server, "PUT", path, { json: { schema: { name: "etalab/schema-fictif", version: "1.0.0" } } });
    expect(named.body.schema).toEqual({ name: "etalab/schema-fictif", version: "1.0.0", url: null });
  });

  it("deletes a resource (204) and its file; a second delete is 404", async () => {
    const created = await upload("a.csv", "x");
    const path = `/api/1/datasets/${datasetId}/resources/${created.body.id}/`;
    expect((await call(server, "DELETE", path)).status).toBe(204);
    expect((await download(created.body.url)).status).toBe(404);
    expect(await call(server, "DELETE", path)).toMatchObject({ status: 404, body: { message: "Resource does not exist" } });
  });
});

describe("reordering", () => {
  it("needs every resource id, exactly once", async () => {
    const a = (await upload("a.csv", "a")).body.id;
    const b = (await upload("b.csv", "b")).body.id;
    const c = (await upload("c.csv", "c")).body.id;
    const path = `/api/1/datasets/${datasetId}/resources/`;
    const partial = await call(server, "PUT", path, { json: [a, b] });
    expect(partial).toMatchObject({ status: 400, body: { message: "All resources must be reordered, you provided 2 out of 3" } });
    const duplicate = await call(server, "PUT", path, { json: [a, a, b] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.message).toMatch(/^Resource ids must match existing ones in dataset, ie: \{/);
    const before = (await call(server, "GET", `/api/1/datasets/${datasetId}/`)).body.last_modified;
    const ordered = await call(server, "PUT", path, { json: [{ id: a }, b, c] });
    expect(ordered.status).toBe(200);
    expect(ordered.body.map((resource: { id: string }) => resource.id)).toEqual([a, b, c]);
    expect((await call(server, "GET", `/api/1/datasets/${datasetId}/`)).body.last_modified).toBe(before);
  });
});

describe("test hooks", () => {
  it("adds a foreign resource and lets a person edit metadata by hand", async () => {
    const rid = server.addForeignResource(datasetId, { title: "Ajout d'une autre personne", content: "x;y", filename: "autre.csv" });
    server.editDataset(datasetId, { description: "Modifiée à la main", tags: ["derive-fictive"] });
    const [dataset] = server.datasets();
    expect(dataset).toMatchObject({ description: "Modifiée à la main", tags: ["derive-fictive"] });
    expect(dataset!.resources[0]).toMatchObject({ id: rid, title: "Ajout d'une autre personne", filesize: 3 });
    expect(server.requests.filter((request) => request.path.includes(datasetId)).map((request) => request.method)).toEqual([]);
  });
});
