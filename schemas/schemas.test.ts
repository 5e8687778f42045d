import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Schema, CAST_FAILED, compileSchema } from "../pipeline/frictionless/index.ts";
import { frenchChecks } from "../pipeline/validate/registry.ts";

/**
 * The conventions every schema under schemas/ keeps, so that each can be listed on
 * schema.data.gouv.fr as is (docs/table-schema-notes.md §9).
 */
const PROJECT_HOME = "https://github.com/aap-opendata/aap-opendata";
const RAW = "https://raw.githubusercontent.com/aap-opendata/aap-opendata";
const root = import.meta.dirname;
const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const schemas = folders.map((folder) => ({
  folder,
  schema: JSON.parse(readFileSync(join(root, folder, "schema.json"), "utf8")) as Schema,
}));
const ours = schemas.filter(({ schema }) => schema.homepage === PROJECT_HOME);

describe("schemas", () => {
  it("include the call, lauréat and SCDL subventions tables", () => {
    expect(folders).toEqual(expect.arrayContaining(["appels", "laureats", "scdl-subventions"]));
    expect(ours.map(({ folder }) => folder)).toEqual(expect.arrayContaining(["appels", "laureats"]));
  });

  it.each(schemas)("$folder carries every root key schema.data.gouv.fr asks for", ({ schema }) => {
    expect(schema.$schema).toBe("https://frictionlessdata.io/schemas/table-schema.json");
    expect(schema.name).toMatch(/^[a-z0-9_-]+$/);
    for (const key of ["title", "description", "homepage", "path"]) expect(typeof schema[key], key).toBe("string");
    expect(schema.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(schema.created).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(schema.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(schema.countryCode).toBe("FR");
    expect(schema.licenses).toEqual([expect.objectContaining({ name: "etalab-2.0" })]);
    expect((schema.contributors as unknown[]).length).toBeGreaterThan(0);
    expect((schema.keywords as unknown[]).length).toBeGreaterThan(0);
    expect(schema.missingValues).toEqual([""]);
  });

  it.each(ours)("$folder follows the project's naming and URL convention", ({ folder, schema }) => {
    const tag = `${folder}-v${String(schema.version)}`;
    expect(schema.name).toBe(folder);
    expect(schema.path).toBe(`${RAW}/${tag}/schemas/${folder}/schema.json`);
    expect(schema.resources).toEqual([
      { title: "Exemple de fichier valide", path: `${RAW}/${tag}/schemas/${folder}/exemple-valide.csv` },
      { title: "Exemple de fichier invalide", path: `${RAW}/${tag}/schemas/${folder}/exemple-invalide.csv` },
    ]);
    expect(schema.primaryKey).toEqual(["id"]);
    for (const field of schema.fields) expect(field.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it("keep the official name, version and URL for the SCDL subventions transcription", () => {
    const scdl = schemas.find(({ folder }) => folder === "scdl-subventions")?.schema;
    expect(scdl?.name).toBe("subventions");
    expect(scdl?.version).toBe("2.1.1");
    expect(scdl?.path).toBe("https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json");
  });

  it.each(schemas)("$folder documents every field with a French title, a description and a valid example", ({ schema }) => {
    const compiled = compileSchema(schema);
    for (const field of compiled.fields) {
      const { title, description, example } = field.descriptor;
      expect(title, field.name).toBeTruthy();
      expect(description, field.name).toBeTruthy();
      expect(example, field.name).not.toBeUndefined();
      const value = field.cast(example);
      expect(value, `${field.name}: example ${JSON.stringify(example)}`).not.toBe(CAST_FAILED);
      expect(field.checkConstraints(value), `${field.name}: example ${JSON.stringify(example)}`).toBeUndefined();
    }
  });

  it.each(schemas)("$folder declares only custom checks our validator knows, on its own fields", ({ schema }) => {
    const names = new Set(schema.fields.map((field) => field.name));
    for (const check of (schema.custom_checks ?? []) as { name: string; params: Record<string, unknown> }[]) {
      expect(Object.keys(frenchChecks)).toContain(check.name);
      for (const [param, value] of Object.entries(check.params)) {
        if (param === "column" || param.endsWith("_column") || /^column\d$/.test(param)) expect(names, param).toContain(value);
      }
    }
  });

  it("name foreign keys that point at fields which exist", () => {
    const byName = new Map(schemas.map(({ schema }) => [schema.name, schema]));
    for (const { schema } of schemas) {
      for (const key of schema.foreignKeys ?? []) {
        const target = key.reference.resource ? byName.get(key.reference.resource) : schema;
        expect(target, `${String(schema.name)} → ${String(key.reference.resource)}`).toBeDefined();
        for (const field of key.reference.fields) expect(target?.fields.map((f) => f.name)).toContain(field);
      }
    }
  });

  it("share the project home with package.json", () => {
    const pkg = JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8")) as { homepage?: string };
    expect(pkg.homepage).toBe(PROJECT_HOME);
  });
});

describe("COG code patterns", () => {
  const laureats = schemas.find(({ folder }) => folder === "laureats")?.schema;
  const field = (name: string) => compileSchema(laureats as Schema).field(name);

  it("accept the 18 current regions and reject codes that are not regions", () => {
    const region = field("code_region");
    const valid = ["01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];
    for (const code of valid) expect(region?.checkConstraints(code), code).toBeUndefined();
    for (const code of ["05", "1", "20", "23", "99", "084"]) expect(region?.checkConstraints(code), code).toBeDefined();
  });

  it("accept 01–95 with 2A/2B and 971–974, 976, and reject 20, 96, 975 or unpadded codes", () => {
    const department = field("code_departement");
    for (const code of ["01", "09", "19", "2A", "2B", "21", "75", "95", "971", "974", "976"]) {
      expect(department?.checkConstraints(code), code).toBeUndefined();
    }
    for (const code of ["9", "00", "20", "2C", "96", "975", "977", "100"]) expect(department?.checkConstraints(code), code).toBeDefined();
  });
});
