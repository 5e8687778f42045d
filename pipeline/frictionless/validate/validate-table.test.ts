import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Resource, Schema } from "../descriptor/types.ts";
import type { CheckRegistry } from "./check.ts";
import { flatten } from "../../../fakes/fixtures/flatten-report.ts";
import { folderWith } from "../../../fakes/fixtures/temp-folder.ts";
import { validateTable } from "./validate-table.ts";

const LAUREATS: Schema = {
  missingValues: [""],
  primaryKey: ["id"],
  fields: [
    { name: "id", type: "string", constraints: { required: true, unique: true } },
    { name: "siren", type: "string", constraints: { pattern: "\\d{9}" } },
    { name: "montant", type: "number", constraints: { minimum: 0 } },
    { name: "date_decision", type: "date" },
    { name: "statut", type: "string", constraints: { enum: ["sélectionné", "terminé"] } },
  ],
};

async function validateCsv(csv: string, schema: Schema = LAUREATS, options: Parameters<typeof validateTable>[1] = {}, extra: Partial<Resource> = {}) {
  const dir = await folderWith({ "laureats.csv": csv });
  return validateTable({ name: "laureats", path: "laureats.csv", schema, ...extra }, { basePath: dir, ...options });
}

const GOOD = "id,siren,montant,date_decision,statut\nl-1,999000001,1200.50,2024-03-15,sélectionné\nl-2,999000002,0,2024-04-01,terminé\n";

describe("validateTable", () => {
  it("accepts a valid table and fills the task stats", async () => {
    const task = await validateCsv(GOOD);
    expect(task).toMatchObject({ name: "laureats", type: "table", place: "laureats.csv", valid: true, labels: ["id", "siren", "montant", "date_decision", "statut"] });
    expect(task.stats).toMatchObject({ errors: 0, rows: 2, fields: 5, bytes: Buffer.byteLength(GOOD) });
  });

  it("reports each row error at its physical row and field", async () => {
    const csv = [
      "id,siren,montant,date_decision,statut",
      "l-1,999000001,abc,2024-03-15,sélectionné", // 2: type-error montant
      "l-2,99900,-5,2024-02-30,en cours", // 3: pattern, minimum, date, enum
      "l-1,999000003,1,2024-01-01,terminé", // 4: unique + primary key
      ",,,,", // 5: blank row (+ primary key)
      "l-5,999000005", // 6: missing cells
      "l-6,999000006,1,2024-01-01,terminé,en trop", // 7: extra cell
      ",999000007,1,2024-01-01,terminé", // 8: required id + primary key
    ].join("\n");
    const task = await validateCsv(csv);
    expect(flatten(task)).toEqual([
      [2, 3, "type-error"],
      [3, 2, "constraint-error"],
      [3, 3, "constraint-error"],
      [3, 4, "type-error"],
      [3, 5, "constraint-error"],
      [4, 1, "unique-error"],
      [4, undefined, "primary-key"],
      [5, undefined, "blank-row"],
      [5, undefined, "primary-key"],
      [6, 3, "missing-cell"],
      [6, 4, "missing-cell"],
      [6, 5, "missing-cell"],
      [7, 6, "extra-cell"],
      [8, 1, "constraint-error"],
      [8, undefined, "primary-key"],
    ]);
    const byRow3 = task.errors.filter((e) => e.rowNumber === 3 && e.type === "constraint-error");
    expect(byRow3.map((e) => e.constraint)).toEqual(["pattern", "minimum", "enum"]);
    expect(task.errors.find((e) => e.type === "unique-error")?.note).toBe("the same as in the row at position 2");
    expect(task.errors[0]).toMatchObject({ cell: "abc", fieldName: "montant", note: 'type is "number/default"' });
  });

  it("reports header errors once per label", async () => {
    const task = await validateCsv("id,SIREN,montant,date_decision,statut,note\n");
    expect(flatten(task)).toEqual([
      [undefined, 6, "extra-label"],
      [undefined, 2, "incorrect-label"],
    ]);
  });

  it("with extra or missing labels, also flags the extra or missing cell of every row (as frictionless-py)", async () => {
    const schema: Schema = { missingValues: [""], fields: [{ name: "id", type: "integer" }] };
    expect(flatten(await validateCsv("id,nom\n1,Projet fictif A\n2,Projet fictif B\n", schema))).toEqual([
      [undefined, 2, "extra-label"],
      [2, 2, "extra-cell"],
      [3, 2, "extra-cell"],
    ]);
    const wider: Schema = { missingValues: [""], fields: [{ name: "id", type: "string" }, { name: "montant", type: "number", constraints: { required: true } }] };
    expect(flatten(await validateCsv("id\nl-1\nl-2\n", wider))).toEqual([
      [undefined, 2, "missing-label"],
      [2, 2, "constraint-error"],
      [2, 2, "missing-cell"],
      [3, 2, "constraint-error"],
      [3, 2, "missing-cell"],
    ]);
  });

  it("reports a row whose fields are all empty as one blank-row, whatever follows", async () => {
    expect(flatten(await validateCsv("id,siren,montant,date_decision,statut\n,,,,,,,\n\nl-3,999000003,1,2024-01-01,terminé\n"))).toEqual([
      [2, undefined, "blank-row"],
      [2, undefined, "primary-key"],
      [3, undefined, "blank-row"],
      [3, undefined, "primary-key"],
    ]);
  });

  it("points a repeated key at its previous occurrence, as frictionless-py", async () => {
    const schema: Schema = { missingValues: [""], primaryKey: ["id"], fields: [{ name: "id", type: "integer" }] };
    const task = await validateCsv("id\n1\n01\n1\n", schema);
    expect(task.errors.map((e) => [e.rowNumber, e.note])).toEqual([
      [3, "the same as in the row at position 2"],
      [4, "the same as in the row at position 3"],
    ]);
  });

  it("does not check a key whose field the data lacks when fields match by name (the header says so), as frictionless-py", async () => {
    const schema: Schema = { missingValues: [""], fieldsMatch: "subset", fields: [{ name: "id", type: "integer", constraints: { unique: true } }, { name: "nom", type: "string" }], primaryKey: ["id"] };
    const task = await validateCsv("nom\nProjet fictif A\nProjet fictif B\n", schema);
    expect(flatten(task)).toEqual([[undefined, 2, "missing-label"]]);
  });

  it("checks uniqueKeys, skipping rows with an empty part", async () => {
    const schema: Schema = {
      missingValues: [""],
      uniqueKeys: [["appel_id", "siren"]],
      fields: [{ name: "appel_id", type: "string" }, { name: "siren", type: "string" }],
    };
    const task = await validateCsv("appel_id,siren\nappel-1,999000001\nappel-1,\nappel-1,\nappel-1,999000001\n", schema);
    expect(flatten(task)).toEqual([[5, 1, "unique-error"]]);
    expect(task.errors[0]?.note).toContain('values "appel-1, 999000001"');
  });

  it("checks a self-referencing foreign key, in any row order, with fpy's note", async () => {
    const schema: Schema = {
      missingValues: [""],
      fields: [{ name: "id", type: "integer" }, { name: "parent", type: "integer" }],
      foreignKeys: [{ fields: ["parent"], reference: { fields: ["id"] } }],
    };
    const task = await validateCsv("id,parent\n1,3\n2,\n3,1\n4,9\n5,05\n", schema);
    expect(flatten(task)).toEqual([[5, undefined, "foreign-key"]]);
    expect(task.errors[0]).toMatchObject({ referenceName: "", note: 'values "9" not found in the lookup table "" as "id"' });
  });

  it("reports a self-reference that no row satisfies at its row, before the errors of later rows (the error limit keeps it)", async () => {
    const schema: Schema = {
      missingValues: [""],
      fields: [{ name: "id", type: "integer" }, { name: "parent", type: "integer" }],
      foreignKeys: [{ fields: ["parent"], reference: { fields: ["id"] } }],
    };
    const csv = "id,parent\n1,9\n2,1\nx,2\n4,3\n";
    // Row 4's id does not cast: row 5, which references it, fails too.
    expect(flatten(await validateCsv(csv, schema))).toEqual([[2, undefined, "foreign-key"], [4, 1, "type-error"], [5, undefined, "foreign-key"]]);
    expect(flatten(await validateCsv(csv, schema, { limitErrors: 1 }))).toEqual([[2, undefined, "foreign-key"]]);
  });

  it("stops at the error limit with fpy's warning, and at the first error with limitErrors: 1", async () => {
    const rows = Array.from({ length: 50 }, (_, k) => `l-${k},x,abc,2024-01-01,terminé`);
    const csv = `id,siren,montant,date_decision,statut\n${rows.join("\n")}\n`;
    const limited = await validateCsv(csv, LAUREATS, { limitErrors: 10 });
    expect(limited.errors).toHaveLength(10);
    expect(limited.warnings).toEqual(["reached error limit: 10"]);
    const first = await validateCsv(csv, LAUREATS, { limitErrors: 1 });
    expect(flatten(first)).toEqual([[2, 2, "constraint-error"]]);
    expect(first.stats.rows).toBe(1);
  });

  it("picks and skips errors by code or tag, and reads only limitRows rows", async () => {
    const csv = "id,siren,montant,date_decision,statut\nl-1,x,abc,2024-01-01,terminé\n,,,,\n";
    expect(flatten(await validateCsv(csv, LAUREATS, { pickErrors: ["type-error"] }))).toEqual([[2, 3, "type-error"]]);
    expect(flatten(await validateCsv(csv, LAUREATS, { skipErrors: ["#cell"] }))).toEqual([
      [3, undefined, "blank-row"],
      [3, undefined, "primary-key"],
    ]);
    const task = await validateCsv(csv, LAUREATS, { limitRows: 1 });
    expect(task.stats.rows).toBe(1);
    expect(task.warnings).toEqual(["reached row limit: 1"]);
    expect(flatten(task).map(([row]) => row)).not.toContain(3);
    // As frictionless-py: a limit of 0 is no limit.
    const unlimited = await validateCsv(csv, LAUREATS, { limitRows: 0, limitErrors: 0 });
    expect(unlimited).toMatchObject({ warnings: [], stats: { rows: 2 } });
    expect(unlimited.errors.length).toBeGreaterThan(1);
  });

  it("gives md5 and sha256 in the stats when asked (hashes), as frictionless-py always does", async () => {
    const task = await validateCsv(GOOD, LAUREATS, { hashes: true }, { hash: "0000" });
    expect(task.stats).toMatchObject({
      md5: createHash("md5").update(GOOD).digest("hex"),
      sha256: createHash("sha256").update(GOOD).digest("hex"),
    });
    expect(task.errors.map((e) => e.type)).toEqual(["hash-count"]);
  });

  it("checks declared hash and bytes (in frictionless-py's order)", async () => {
    const wrong = await validateCsv(GOOD, LAUREATS, {}, { bytes: 10, hash: "sha256:0000" });
    expect(flatten(wrong)).toEqual([
      [undefined, undefined, "hash-count"],
      [undefined, undefined, "byte-count"],
    ]);
    const withRows = await validateCsv(`${GOOD}l-3,x,1,2024-01-01,terminé\n`, LAUREATS, {}, { bytes: 10 });
    expect(flatten(withRows)).toEqual([
      [4, 2, "constraint-error"],
      [undefined, undefined, "byte-count"],
    ]);
    const { createHash } = await import("node:crypto");
    const sha256 = createHash("sha256").update(GOOD).digest("hex");
    const right = await validateCsv(GOOD, LAUREATS, {}, { bytes: Buffer.byteLength(GOOD), hash: `sha256:${sha256}` });
    expect(right.valid).toBe(true);
    expect(right.stats.sha256).toBe(sha256);
  });

  it("turns reading failures into task errors", async () => {
    const task = await validateTable({ name: "absent", path: "absent.csv", schema: LAUREATS }, { basePath: "/nonexistent" });
    expect(task.valid).toBe(false);
    expect(task.errors.map((e) => e.type)).toEqual(["scheme-error"]);
    const bytes = Buffer.concat([Buffer.from("id,siren,montant,date_decision,statut\nl-1,999000001,1,2024-01-01,"), Buffer.from("termin\xe9\n", "latin1")]);
    const dir = await folderWith({ "cp1252.csv": bytes });
    const encoded = await validateTable({ name: "cp1252", path: "cp1252.csv", schema: LAUREATS }, { basePath: dir });
    expect(encoded.errors[0]).toMatchObject({ type: "encoding-error", note: expect.stringContaining("(row 2)") });
    const declared = await validateTable({ name: "cp1252", path: "cp1252.csv", encoding: "windows-1252", schema: LAUREATS }, { basePath: dir });
    expect(declared.valid).toBe(true);
  });

  it("runs custom checks declared by the schema and reports a crashing check by name", async () => {
    const checks: CheckRegistry = {
      "montant-plafond": (params) => ({
        type: "montant-plafond",
        title: "Montant trop élevé",
        description: "Le montant dépasse le plafond de l'appel.",
        row: (row) => ((row.get("montant") as number) > (params.plafond as number) ? [{ fieldName: "montant", note: `plafond ${String(params.plafond)}` }] : undefined),
      }),
      "en-panne": () => ({
        type: "en-panne",
        title: "Panne",
        description: "Toujours en panne.",
        row: () => {
          throw new Error("division fictive par zéro");
        },
      }),
    };
    const schema: Schema = { ...LAUREATS, custom_checks: [{ name: "montant-plafond", params: { plafond: 1000 } }, { name: "en-panne" }, { name: "inconnu" }] };
    const task = await validateCsv(GOOD, schema, { checks });
    expect(task.errors.map((e) => [e.type, e.rowNumber, e.fieldName, e.fieldNumber, e.cell])).toEqual([
      ["montant-plafond", 2, "montant", 3, "1200.50"],
      ["check-error", 2, undefined, undefined, undefined],
    ]);
    expect(task.errors[1]?.note).toContain('custom check "en-panne" threw at row 2: division fictive par zéro');
    expect(task.warnings).toEqual(['custom check "inconnu" is not available: skipped']);
  });

  it("checks only the structure of a table without a schema", async () => {
    const dir = await folderWith({ "libre.csv": "a,b\n1,2\n3\n" });
    const task = await validateTable({ name: "libre", path: "libre.csv" }, { basePath: dir });
    expect(flatten(task)).toEqual([[3, 2, "missing-cell"]]);
    const headerless = await validateTable({ name: "libre", path: "libre.csv", dialect: { header: false } }, { basePath: dir });
    // As frictionless-py: the first row's width gives the fields (field1, field2).
    expect(headerless).toMatchObject({ labels: [], stats: { rows: 3, fields: 2 } });
    expect(flatten(headerless)).toEqual([[3, 2, "missing-cell"]]);
    expect(headerless.errors[0]?.fieldName).toBe("field2");
  });
});

describe("progress", () => {
  it("reports the rows read so far after each batch, for a terminal to show", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`L-${i}`, String(i)]);
    const seen: { resource: string; rows: number }[] = [];
    await validateTable(
      { name: "laureats-fictifs", data: [["id", "montant"], ...rows], schema: { missingValues: [""], fields: [{ name: "id", type: "string" }, { name: "montant", type: "integer" }] } },
      { onProgress: ({ resource, rows: count }) => seen.push({ resource, rows: count }) },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ resource: "laureats-fictifs", rows: 5000 });
    expect(seen.map((p) => p.rows)).toEqual([...seen.map((p) => p.rows)].sort((a, b) => a - b));
  });
});
