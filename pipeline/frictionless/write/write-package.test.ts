import { readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Package } from "../descriptor/types.ts";
import { validateSource } from "../validate/validate-source.ts";
import { hashFile } from "./hash-file.ts";
import { writePackage } from "./write-package.ts";

function descriptor(): Package {
  return {
    name: "aap-fictifs",
    title: "Appels à projets fictifs",
    resources: [
      {
        name: "laureats",
        title: "Lauréats fictifs",
        schema: {
          missingValues: [""],
          primaryKey: ["id"],
          fields: [
            { name: "id", type: "string" },
            { name: "titre", type: "string" },
            { name: "montant", type: "number" },
            { name: "date_decision", type: "date" },
            { name: "finance", type: "boolean", trueValues: ["oui"], falseValues: ["non"] },
          ],
        },
      },
    ],
  };
}

const ROWS: unknown[][] = [
  ["l-1", 'Projet fictif A, dit "test"', 1200.5, "2024-03-15", true],
  ["l-2", "Projet fictif B\nsur deux lignes", 0.1 + 0.2, "2024-04-01", false],
  ["l-3", "", null, null, null],
];

async function write(schemaMode?: "inline" | "path") {
  const dir = await mkdtemp(join(tmpdir(), "aap-write-"));
  const written = await writePackage({
    dir,
    descriptor: descriptor(),
    tables: { laureats: ROWS },
    ...(schemaMode ? { schemaMode } : {}),
    extraFiles: [{ name: "documentation", path: "README.md", content: "# Données fictives\n", format: "md", mediatype: "text/markdown" }],
  });
  return { dir, written };
}

describe("writePackage", () => {
  it("writes canonical CSV: UTF-8 without BOM, quotes only where needed, \\n", async () => {
    const { dir } = await write();
    const csv = await readFile(join(dir, "laureats.csv"), "utf8");
    expect(csv).toBe(
      'id,titre,montant,date_decision,finance\nl-1,"Projet fictif A, dit ""test""",1200.5,2024-03-15,oui\nl-2,"Projet fictif B\nsur deux lignes",0.30000000000000004,2024-04-01,non\nl-3,,,,\n',
    );
  });

  it("describes each file with path, format, dialect, bytes and sha256, under $schema v2", async () => {
    const { dir, written } = await write();
    const json = await readFile(join(dir, "datapackage.json"), "utf8");
    expect(json.endsWith("}\n")).toBe(true);
    const pkg = JSON.parse(json) as Package;
    expect(Object.keys(pkg)).toEqual(["$schema", "name", "title", "resources"]);
    expect(pkg.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
    const laureats = pkg.resources[0]!;
    const digest = await hashFile(join(dir, "laureats.csv"));
    expect(laureats).toMatchObject({ name: "laureats", type: "table", path: "laureats.csv", format: "csv", mediatype: "text/csv", encoding: "utf-8", bytes: digest.bytes, hash: `sha256:${digest.sha256}` });
    expect(laureats.dialect?.lineTerminator).toBe("\n");
    expect(Object.keys(laureats).slice(0, 4)).toEqual(["name", "type", "profile", "path"]);
    expect(laureats.profile).toBe("tabular-data-resource");
    expect(pkg.resources[1]).toMatchObject({ name: "documentation", path: "README.md", bytes: Buffer.byteLength("# Données fictives\n") });
    expect(written.files).toBe(3);
    expect(digest.sha1).toMatch(/^[0-9a-f]{40}$/);
  });

  it("gives the same bytes for the same input", async () => {
    const a = await write();
    const b = await write();
    for (const name of ["datapackage.json", "laureats.csv"]) {
      expect(await readFile(join(a.dir, name))).toEqual(await readFile(join(b.dir, name)));
    }
  });

  it("writes a package that validates, with the schema inline or by path", async () => {
    for (const mode of ["inline", "path"] as const) {
      const { dir } = await write(mode);
      const report = await validateSource({ path: join(dir, "datapackage.json") });
      expect(report.errors).toEqual([]);
      // The documentation is a file task: present, with the hash and size written for it.
      expect(report.tasks.map((t) => [t.name, t.type, t.valid, t.stats.rows])).toEqual([
        ["laureats", "table", true, 3],
        ["documentation", "file", true, 0],
      ]);
    }
    const { dir } = await write("path");
    expect(JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")).resources[0].schema).toBe("laureats.schema.json");
  });

  it("writes a self-referencing foreign key with \"resource\": \"\", which v1 and v2 readers both accept, and reads it back", async () => {
    for (const mode of ["inline", "path"] as const) {
      const dir = await mkdtemp(join(tmpdir(), "aap-write-"));
      const pkg = descriptor();
      const schema = pkg.resources[0]!.schema!;
      schema.fields.push({ name: "parent_id", type: "string" });
      schema.foreignKeys = [{ fields: ["parent_id"], reference: { fields: ["id"] } }];
      await writePackage({ dir, descriptor: pkg, tables: { laureats: ROWS.map((row, k) => [...row, k === 0 ? null : "l-1"]) }, schemaMode: mode });
      const written = JSON.parse(await readFile(join(dir, mode === "inline" ? "datapackage.json" : "laureats.schema.json"), "utf8"));
      const foreignKeys = mode === "inline" ? written.resources[0].schema.foreignKeys : written.foreignKeys;
      expect(foreignKeys, mode).toEqual([{ fields: ["parent_id"], reference: { resource: "", fields: ["id"] } }]);
      const report = await validateSource({ path: join(dir, "datapackage.json") });
      expect(report.valid, mode).toBe(true);
      expect(report.tasks[0]?.warnings, mode).toEqual([]);
      // The descriptor given is left as it was.
      expect(schema.foreignKeys[0]?.reference, mode).toEqual({ fields: ["id"] });
    }
  });
});
