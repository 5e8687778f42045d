import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescriptorError } from "../errors/descriptor-error.ts";
import { compileSchema } from "../field/compile-schema.ts";
import { loadDialect, loadPackage, loadResource, loadSchema } from "./load.ts";
import { startLocalServer, type LocalServer } from "../../../fakes/http/local-server.ts";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

async function rejection(promise: Promise<unknown>): Promise<DescriptorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DescriptorError) return error;
    throw error;
  }
  throw new Error("expected a DescriptorError");
}

describe("loadSchema", () => {
  it("loads a schema.data.gouv.fr-style v1 schema cleanly and normalises it", async () => {
    const schema = await loadSchema(join(fixtures, "schema-lauréats-v1.json"));
    expect(schema.primaryKey).toEqual(["id"]);
    expect(schema.missingValues).toEqual(["", "NA", "N/A"]);
    expect(schema.fields.find((f) => f.name === "commentaire")?.type).toBe("any");
    expect(schema.custom_checks).toEqual([{ name: "french-siren-value", params: { column: "siren" } }]);
    const compiled = compileSchema(schema);
    expect(compiled.field("innovant")?.cast("Oui")).toBe(true);
    expect(compiled.field("annee")?.cast("2021")).toBe("2021-01-01");
    expect(compiled.field("thematiques")?.cast('["énergie"]')).toEqual(["énergie"]);
  });

  it("accepts an object and normalises v1 forms", async () => {
    const schema = await loadSchema({
      fields: [{ name: "id", type: "integer" }, { name: "parent", type: "integer", format: "fmt:default", missingValues: [{ value: "-" }] }],
      primaryKey: "id",
      foreignKeys: [{ fields: "parent", reference: { resource: "", fields: "id" } }],
    });
    expect(schema.foreignKeys).toEqual([{ fields: ["parent"], reference: { fields: ["id"] } }]);
    expect(schema.fields[1]).toMatchObject({ format: "default", missingValues: ["-"] });
  });

  it("throws a DescriptorError with every problem", async () => {
    const error = await rejection(loadSchema({ fields: [{ name: "a", type: "texte" }], primaryKey: "b" }));
    expect(error.code).toBe("field-error");
    expect(error.errors.map((e) => e.jsonPath)).toEqual(["/fields/0/type", "/primaryKey"]);
  });

  it("says when a file is missing or not JSON", async () => {
    const missing = await rejection(loadSchema(join(fixtures, "absent.json")));
    expect(missing.errors[0]).toMatchObject({ type: "schema-error" });
    expect(missing.errors[0]?.note).toMatch(/cannot read the schema descriptor .*absent\.json": no such file/);
    // The error says where the unreadable descriptor is: the CLI's "unreadable input".
    expect(missing.errors[0]?.place).toMatch(/absent\.json$/);
    const dir = await mkdtemp(join(tmpdir(), "aap-descriptor-"));
    try {
      await writeFile(join(dir, "schema.json"), "{ \"fields\": [ ");
      const broken = await rejection(loadSchema(join(dir, "schema.json")));
      expect(broken.errors[0]?.note).toMatch(/is not valid JSON/);
      await writeFile(join(dir, "schema.yaml"), "fields:\n  - name: siren\n    type: string\n");
      expect((await loadSchema(join(dir, "schema.yaml"))).fields).toEqual([{ name: "siren", type: "string" }]);
      await writeFile(join(dir, "bom.json"), "\uFEFF{\"fields\": []}");
      expect((await loadSchema(join(dir, "bom.json"))).fields).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("loadPackage", () => {
  it("resolves schema references against the package folder and normalises v1", async () => {
    const pkg = await loadPackage(join(fixtures, "datapackage.json"));
    const [appels, laureats] = pkg.resources;
    expect(appels).toMatchObject({ name: "appels", path: "appels.csv", type: "table" });
    expect(appels?.url).toBeUndefined();
    expect(appels?.schema?.fields.map((f) => f.format)).toEqual([undefined, undefined, "%d/%m/%Y"]);
    expect(appels?.schema?.primaryKey).toEqual(["id"]);
    expect(laureats?.schema?.foreignKeys).toEqual([
      { fields: ["appel_id"], reference: { resource: "appels", fields: ["id"] } },
      { fields: ["parent_id"], reference: { fields: ["id"] } },
    ]);
    expect(pkg.contributors).toEqual([{ title: "Équipe fictive", roles: ["author"] }]);
  });

  it("never reads a reference that breaks the URL-or-path rule", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aap-descriptor-"));
    try {
      await mkdir(join(dir, "pkg"));
      await writeFile(join(dir, "outside.json"), JSON.stringify({ fields: [{ name: "secret", type: "texte-invalide" }] }));
      await writeFile(join(dir, "pkg", "datapackage.json"), JSON.stringify({ resources: [{ name: "r", path: "r.csv", schema: "../outside.json" }] }));
      const error = await rejection(loadPackage(join(dir, "pkg", "datapackage.json")));
      expect(error.errors.map((e) => [e.type, e.jsonPath])).toEqual([["resource-error", "/resources/0/schema"]]);
      expect(error.errors[0]?.note).toMatch(/"\.\." is not allowed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a missing referenced schema at its place in the package", async () => {
    const error = await rejection(loadPackage({ resources: [{ name: "r", path: "r.csv", schema: "absent.json" }] }, { basePath: fixtures }));
    expect(error.errors.map((e) => [e.type, e.jsonPath])).toEqual([["schema-error", "/resources/0/schema"]]);
  });
});

describe("loading from URLs", () => {
  let server: LocalServer;
  let base: string;

  beforeAll(async () => {
    const files: Record<string, string> = {
      "/aap/datapackage.json": await readFile(join(fixtures, "datapackage.json"), "utf8"),
      "/aap/schemas/appels.json": await readFile(join(fixtures, "schemas", "appels.json"), "utf8"),
      "/aap/dialect.json": JSON.stringify({ delimiter: ";", header: true }),
      "/aap/resource.json": JSON.stringify({ name: "appels", path: "appels.csv", schema: "schemas/appels.json", dialect: "dialect.json" }),
    };
    server = await startLocalServer(({ path }) => ({ status: files[path] === undefined ? 404 : 200, raw: files[path] ?? "{}", headers: { "content-type": "application/json" } }));
    base = server.url;
  });

  afterAll(() => server.close());

  it("loads a package and resolves its relative references against the URL", async () => {
    const pkg = await loadPackage(`${base}/aap/datapackage.json`);
    expect(pkg.resources[0]?.schema?.fields.map((f) => f.name)).toEqual(["id", "titre", "date_ouverture"]);
  });

  it("loads resources and dialects by URL", async () => {
    const resource = await loadResource(`${base}/aap/resource.json`);
    expect(resource.dialect).toEqual({ delimiter: ";", header: true });
    expect(resource.schema?.primaryKey).toEqual(["id"]);
    expect(await loadDialect(`${base}/aap/dialect.json`)).toEqual({ delimiter: ";", header: true });
  });

  it("reports HTTP errors with the method and URL", async () => {
    const error = await rejection(loadSchema(`${base}/aap/absent.json`));
    expect(error.errors[0]?.note).toContain(`HTTP 404 from GET ${base}/aap/absent.json`);
  });
});
