import { describe, expect, it } from "vitest";
import type { ValidationError } from "../errors/types.ts";
import { validateDialectDescriptor, validatePackageDescriptor, validateResourceDescriptor, validateSchemaDescriptor } from "./validate.ts";

const brief = (errors: ValidationError[]) => errors.map((e) => [e.type, e.jsonPath]);

const siren = { name: "siren", type: "string" };
const montant = { name: "montant", type: "number" };

describe("validateSchemaDescriptor", () => {
  it("accepts v1 and v2 forms", () => {
    expect(validateSchemaDescriptor({ fields: [siren, montant], primaryKey: "siren" })).toEqual([]);
    expect(validateSchemaDescriptor({ fields: [siren, montant], primaryKey: ["siren"], fieldsMatch: "subset" })).toEqual([]);
    expect(validateSchemaDescriptor({ fields: [{ name: "l", type: "list", itemType: "integer" }] })).toEqual([]);
    expect(validateSchemaDescriptor({ fields: [{ name: "sans_type" }], missingValues: [{ value: "NA", label: "non renseigné" }] })).toEqual([]);
    expect(validateSchemaDescriptor({ fields: [siren], foreignKeys: [{ fields: "siren", reference: { resource: "", fields: "siren" } }] })).toEqual([]);
  });

  it("reports shape errors with their JSON path and what to use", () => {
    const errors = validateSchemaDescriptor({ fields: [siren], fieldsMatch: "tous" });
    expect(brief(errors)).toEqual([["schema-error", "/fieldsMatch"]]);
    expect(errors[0]?.message).toBe('Schema is not valid: "fieldsMatch" is "tous": use one of "exact", "equal", "subset", "superset", "partial" (at "/fieldsMatch")');
    expect(brief(validateSchemaDescriptor({}))).toEqual([["schema-error", "/fields"]]);
    expect(brief(validateSchemaDescriptor({ fields: {} }))).toEqual([["schema-error", "/fields"]]);
    expect(brief(validateSchemaDescriptor([]))).toEqual([["schema-error", ""]]);
  });

  it("gives one error per bad field, from the branch of its type", () => {
    const errors = validateSchemaDescriptor({ fields: [siren, { name: "taux", type: "number", bareNumber: "non" }, { name: "x", type: "texte" }, { type: "string" }] });
    expect(brief(errors)).toEqual([["field-error", "/fields/1/bareNumber"], ["field-error", "/fields/2/type"], ["field-error", "/fields/3/name"]]);
    expect(errors[0]?.note).toBe('"bareNumber" is "non": it must be of type boolean');
    expect(errors[1]?.note).toMatch(/"type" is "texte": use one of "string", "number"/);
  });

  it("folds anyOf alternatives into one message", () => {
    const errors = validateSchemaDescriptor({ fields: [siren], primaryKey: 5 });
    expect(brief(errors)).toEqual([["schema-error", "/primaryKey"]]);
    expect(errors[0]?.note).toBe('"primaryKey" is 5: it must be string or array');
  });

  it("checks keys against the fields", () => {
    expect(brief(validateSchemaDescriptor({ fields: [siren], primaryKey: "id" }))).toEqual([["schema-error", "/primaryKey"]]);
    expect(brief(validateSchemaDescriptor({ fields: [siren], primaryKey: ["siren", "id"] }))).toEqual([["schema-error", "/primaryKey/1"]]);
    expect(brief(validateSchemaDescriptor({ fields: [siren], uniqueKeys: [["siren", "annee"]] }))).toEqual([["schema-error", "/uniqueKeys/0/1"]]);
    const fk = validateSchemaDescriptor({ fields: [siren, montant], foreignKeys: [{ fields: ["siren", "montant"], reference: { resource: "entreprises", fields: ["siren"] } }] });
    expect(brief(fk)).toEqual([["schema-error", "/foreignKeys/0/reference/fields"]]);
    expect(fk[0]?.note).toMatch(/must have the same length/);
    expect(brief(validateSchemaDescriptor({ fields: [siren], foreignKeys: [{ fields: ["siren"], reference: { fields: ["parent"] } }] })))
      .toEqual([["schema-error", "/foreignKeys/0/reference/fields/0"]]);
    const unknown = validateSchemaDescriptor({ fields: [siren], primaryKey: "id" });
    expect(unknown[0]?.note).toBe('primary key field "id" is not in the schema: use one of the field names (siren)');
  });

  it("reports field options that cannot be compiled", () => {
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "n", type: "integer", constraints: { pattern: "[0-9]+" } }] })))
      .toEqual([["field-error", "/fields/0/constraints/pattern"]]);
    const bad = validateSchemaDescriptor({ fields: [siren, { name: "s", type: "string", constraints: { pattern: "[0-9" } }] });
    expect(brief(bad)).toEqual([["field-error", "/fields/1/constraints/pattern"]]);
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "d", type: "date", format: "%d/%m/%K" }] }))).toEqual([["field-error", "/fields/0/format"]]);
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "d", type: "date", constraints: { minimum: "01/01/2021" } }] }))).toEqual([["field-error", "/fields/0/constraints/minimum"]]);
  });

  it("reports enum outside categories, misplaced constraints and categories on other types", () => {
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "s", type: "string", categories: ["ouvert", "clos"], constraints: { enum: ["ouvert", "autre"] } }] })))
      .toEqual([["field-error", "/fields/0/constraints/enum/1"]]);
    const misplaced = validateSchemaDescriptor({ fields: [{ name: "s", type: "string", required: true }] });
    expect(misplaced[0]).toMatchObject({ type: "field-error", jsonPath: "/fields/0/required", note: '"required" should be set as "constraints.required"' });
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "d", type: "date", categories: ["2021-01-01"] }] }))).toEqual([["field-error", "/fields/0/categories"]]);
  });

  it("refuses a string format outside the spec's list, as frictionless-py 5, saying that a date pattern wants a date field", () => {
    const errors = validateSchemaDescriptor({ fields: [{ name: "jour", type: "string", format: "%Y-%m-%d" }] });
    expect(brief(errors)).toEqual([["field-error", "/fields/0/format"]]);
    expect(errors[0]?.note).toMatch(/a value written "%Y-%m-%d" is a date or a time: declare "type": "date"/);
    expect(errors[0]?.message).toMatch(/declare "type": "date" .*\(at "\/fields\/0\/format"\)$/);
    expect(validateSchemaDescriptor({ fields: [{ name: "courriel", type: "string", format: "mail" }] })[0]?.note).not.toMatch(/date/);
  });

  it("refuses a field-level required only, as frictionless-py 5: other keys are field properties", () => {
    const keys = { pattern: "[0-9]{9}", enum: ["a"], minimum: 1, maxLength: 3, unique: true };
    expect(validateSchemaDescriptor({ fields: [{ name: "s", type: "string", ...keys }] })).toEqual([]);
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "s", type: "string", ...keys, required: false }] }))).toEqual([["field-error", "/fields/0/required"]]);
  });
});

describe("validateDialectDescriptor", () => {
  it("checks dialect properties", () => {
    expect(validateDialectDescriptor({ delimiter: ";", header: true, headerRows: [1, 2], commentChar: "#" })).toEqual([]);
    expect(brief(validateDialectDescriptor({ delimiter: "", header: "oui", quoteChar: "<<" })))
      .toEqual([["dialect-error", "/header"], ["dialect-error", "/delimiter"], ["dialect-error", "/quoteChar"]]);
    expect(brief(validateDialectDescriptor({ escapeChar: "\\", quoteChar: "'" }))).toEqual([["dialect-error", "/escapeChar"]]);
    expect(brief(validateDialectDescriptor({ headerRows: [0] }))).toEqual([["dialect-error", "/headerRows/0"]]);
  });
});

describe("validateResourceDescriptor", () => {
  it("needs exactly one of path and data", () => {
    expect(validateResourceDescriptor({ name: "appels", path: "appels.csv" })).toEqual([]);
    expect(validateResourceDescriptor({ name: "appels", data: [["id"], ["A-1"]] })).toEqual([]);
    expect(brief(validateResourceDescriptor({ name: "appels" }))).toEqual([["resource-error", ""]]);
    expect(brief(validateResourceDescriptor({ name: "appels", path: "a.csv", data: [] }))).toEqual([["resource-error", ""]]);
  });

  it("enforces the URL-or-path rule", () => {
    for (const path of ["/etc/passwd", "../secret.csv", "data/../../x.csv", ".cache/x.csv", "C:\\data.csv", "file:///etc/passwd", "~/x.csv"]) {
      expect(brief(validateResourceDescriptor({ name: "r", path })), path).toEqual([["resource-error", "/path"]]);
    }
    expect(validateResourceDescriptor({ name: "r", path: ["https://exemple.test/a.csv", "https://exemple.test/b.csv"] })).toEqual([]);
    expect(brief(validateResourceDescriptor({ name: "r", path: ["https://exemple.test/a.csv", "b.csv"] }))).toEqual([["resource-error", "/path"]]);
    expect(brief(validateResourceDescriptor({ name: "r", path: "a.csv", schema: "../schema.json" }))).toEqual([["resource-error", "/schema"]]);
  });

  it("checks the encoding, hash and inline schema", () => {
    expect(validateResourceDescriptor({ name: "r", path: "a.csv", encoding: "windows-1252", hash: "sha256:00ff" })).toEqual([]);
    expect(brief(validateResourceDescriptor({ name: "r", path: "a.csv", encoding: "klingon" }))).toEqual([["resource-error", "/encoding"]]);
    expect(brief(validateResourceDescriptor({ name: "r", path: "a.csv", hash: "zz" }))).toEqual([["resource-error", "/hash"]]);
    expect(brief(validateResourceDescriptor({ name: "r", path: "a.csv", schema: { fields: [{ name: "x", type: "nombre" }] } })))
      .toEqual([["field-error", "/schema/fields/0/type"]]);
  });
});

describe("field examples", () => {
  it("requires a non-empty example to be a valid value of its field, as frictionless-py", () => {
    expect(brief(validateSchemaDescriptor({ fields: [{ name: "montant", type: "integer", example: "beaucoup" }] }))).toEqual([["field-error", "/fields/0/example"]]);
    expect(validateSchemaDescriptor({ fields: [{ name: "montant", type: "integer", example: "1500" }, { name: "date", type: "date", format: "%d/%m/%Y", example: "31/01/2024" }] })).toEqual([]);
    expect(validateSchemaDescriptor({ fields: [{ name: "actif", type: "boolean", trueValues: ["oui"], falseValues: ["non"], example: "oui" }, { name: "x", type: "integer", example: "" }] })).toEqual([]);
  });
});

describe("misplaced schema properties and inline text", () => {
  it("refuses missingValues or fields on a package or a resource, where they would not apply (as frictionless-py)", () => {
    const resource = { name: "laureats", path: "laureats.csv" };
    expect(brief(validatePackageDescriptor({ missingValues: ["NA"], resources: [resource] }))).toEqual([["package-error", "/missingValues"]]);
    expect(brief(validateResourceDescriptor({ ...resource, fields: [siren] }))).toEqual([["resource-error", "/fields"]]);
  });

  it("accepts inline data as a string only with its format or mediatype", () => {
    expect(validateResourceDescriptor({ name: "laureats", data: "id\n1\n", format: "csv" })).toEqual([]);
    expect(brief(validateResourceDescriptor({ name: "laureats", data: "id\n1\n" }))).toEqual([["resource-error", "/data"]]);
  });
});

describe("validatePackageDescriptor", () => {
  const appels = { name: "appels", path: "appels.csv", schema: { fields: [{ name: "id", type: "string" }] } };

  it("checks resources, duplicate names and foreign keys across resources", () => {
    expect(brief(validatePackageDescriptor({ resources: [] }))).toEqual([["package-error", "/resources"]]);
    expect(brief(validatePackageDescriptor({ resources: [appels, { ...appels }] }))).toEqual([["package-error", "/resources/1/name"]]);
    const laureats = (resource: string, field: string) => ({
      name: "laureats", path: "laureats.csv",
      schema: { fields: [{ name: "appel_id", type: "string" }], foreignKeys: [{ fields: "appel_id", reference: { resource, fields: field } }] },
    });
    expect(validatePackageDescriptor({ resources: [appels, laureats("appels", "id")] })).toEqual([]);
    const unknown = validatePackageDescriptor({ resources: [appels, laureats("appel", "id")] });
    expect(brief(unknown)).toEqual([["package-error", "/resources/1/schema/foreignKeys/0/reference/resource"]]);
    expect(unknown[0]?.note).toMatch(/resource "appel", which is not in the package: use one of "appels", "laureats"/);
    expect(brief(validatePackageDescriptor({ resources: [appels, laureats("appels", "code")] })))
      .toEqual([["package-error", "/resources/1/schema/foreignKeys/0/reference/fields/0"]]);
  });

  it("reads an empty email of a source or contributor as absent, and checks a non-empty one (as frictionless-py)", () => {
    const empty = { title: "", path: "", email: "" };
    expect(validatePackageDescriptor({ sources: [empty], contributors: [{ title: "Équipe", email: "" }], resources: [{ ...appels, sources: [empty] }] })).toEqual([]);
    const bad = validatePackageDescriptor({ sources: [{ title: "S", email: "pas-un-email" }], resources: [{ ...appels, contributors: [{ title: "C", email: "x@" }] }] });
    expect(brief(bad)).toEqual([["package-error", "/sources/0/email"], ["resource-error", "/resources/0/contributors/0/email"]]);
    expect(bad[0]?.note).toBe('"email" is "pas-un-email": it must be a valid email');
  });

  it("prefixes nested paths and codes", () => {
    const errors = validatePackageDescriptor({ name: "p", created: "hier", licenses: [{}], resources: [{ name: "a", path: "a.csv", dialect: { header: 1 } }] });
    expect(brief(errors)).toEqual([
      ["package-error", "/created"], ["package-error", "/licenses/0"], ["dialect-error", "/resources/0/dialect/header"],
    ]);
    expect(errors[1]?.note).toBe('item /licenses/0 needs one of the properties "name" or "path"');
  });
});
