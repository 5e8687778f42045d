import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flatten } from "../../../fakes/fixtures/flatten-report.ts";
import { folderWith } from "../../../fakes/fixtures/temp-folder.ts";
import { validateSource } from "./validate-source.ts";
import { startLocalServer } from "../../../fakes/http/local-server.ts";

const APPELS_SCHEMA = { fields: [{ name: "id", type: "string" }, { name: "titre", type: "string" }], primaryKey: "id" };
const LAUREATS_SCHEMA = {
  fields: [
    { name: "id", type: "string" },
    { name: "appel_id", type: "string" },
    { name: "session", type: "integer" },
    { name: "siren", type: "string" },
  ],
  primaryKey: ["id"],
  foreignKeys: [
    { fields: "appel_id", reference: { resource: "appels", fields: "id" } },
    { fields: ["appel_id", "session"], reference: { resource: "sessions", fields: ["appel_id", "numero"] } },
  ],
};
const SESSIONS_SCHEMA = { fields: [{ name: "appel_id", type: "string" }, { name: "numero", type: "integer" }] };

function descriptor(): { name: string; resources: { name: string; path: string; schema: Record<string, unknown> }[] } {
  return {
    name: "aap-fictifs",
    resources: [
      { name: "appels", path: "appels.csv", schema: APPELS_SCHEMA },
      { name: "sessions", path: "sessions.csv", schema: SESSIONS_SCHEMA },
      { name: "laureats", path: "laureats.csv", schema: LAUREATS_SCHEMA },
    ],
  };
}

const FILES = {
  "appels.csv": "id,titre\nappel-1,Appel fictif 1\nappel-2,Appel fictif 2\n",
  "sessions.csv": "appel_id,numero\nappel-1,1\nappel-1,2\nappel-2,1\n",
};

describe("validateSource", () => {
  it("validates a package with foreign keys across resources", async () => {
    const dir = await folderWith({
      ...FILES,
      "laureats.csv": "id,appel_id,session,siren\nl-1,appel-1,2,999000001\nl-2,appel-9,1,999000002\nl-3,appel-2,2,999000003\nl-4,,,999000004\n",
      "datapackage.json": JSON.stringify(descriptor()),
    });
    const report = await validateSource({ path: join(dir, "datapackage.json") });
    expect(report.valid).toBe(false);
    expect(report.tasks.map((t) => [t.name, t.valid])).toEqual([["appels", true], ["sessions", true], ["laureats", false]]);
    expect(flatten(report)).toEqual([
      [3, undefined, "foreign-key"],
      [3, undefined, "foreign-key"],
      [4, undefined, "foreign-key"],
    ]);
    const laureats = report.tasks[2]?.errors ?? [];
    expect(laureats[0]).toMatchObject({ referenceName: "appels", fieldCells: ["appel-9"], note: 'values "appel-9" not found in the lookup table "appels" as "id"' });
    expect(laureats[2]?.note).toBe('values "appel-2, 2" not found in the lookup table "sessions" as "appel_id, numero"');
    expect(report.stats).toMatchObject({ tasks: 3, errors: 3 });
  });

  it("puts descriptor problems in report.errors instead of throwing", async () => {
    const broken = descriptor();
    broken.resources[2]!.schema = { ...LAUREATS_SCHEMA, primaryKey: ["identifiant"] };
    const dir = await folderWith({ "datapackage.json": JSON.stringify(broken) });
    const report = await validateSource({ path: join(dir, "datapackage.json") });
    expect(report.valid).toBe(false);
    expect(report.tasks).toEqual([]);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors[0]?.jsonPath).toBeDefined();
  });

  it("validates a single table with a schema file, a dialect and an encoding", async () => {
    const dir = await folderWith({
      "laureats.csv": Buffer.from("id;appel_id;session;siren\nl-1;appel-1;un;999000001\n", "latin1"),
      "schema.json": JSON.stringify(LAUREATS_SCHEMA),
    });
    const report = await validateSource({ path: join(dir, "laureats.csv"), schemaPath: join(dir, "schema.json"), dialect: { delimiter: ";" }, encoding: "windows-1252" });
    expect(flatten(report)).toEqual([[2, 3, "type-error"]]);
    expect(report.tasks[0]).toMatchObject({ name: "laureats", place: join(dir, "laureats.csv") });
    const named = await validateSource({ path: join(dir, "laureats.csv"), place: "laureats.csv", schemaPath: join(dir, "schema.json"), dialect: { delimiter: ";" }, encoding: "windows-1252" });
    expect(named.tasks[0]?.place).toBe("laureats.csv");
    expect(report.tasks[0]?.warnings[0]).toContain('references the resource "appels", which only a package validation can read');
  });

  it("validates a resource descriptor and a JSON table", async () => {
    const dir = await folderWith({
      "appels.csv": FILES["appels.csv"],
      "appels.resource.json": JSON.stringify({ name: "appels", path: "appels.csv", schema: APPELS_SCHEMA }),
      "appels.resource.yaml": "name: appels\npath: appels.csv\nschema: schema.json\n",
      "appels.json": JSON.stringify([["id", "titre"], ["appel-1", "Appel fictif"], ["appel-1", "Doublon fictif"]]),
      "schema.json": JSON.stringify(APPELS_SCHEMA),
    });
    const resource = await validateSource({ path: join(dir, "appels.resource.json") });
    expect(resource.tasks.map((t) => [t.name, t.valid, t.stats.rows])).toEqual([["appels", true, 2]]);
    const yaml = await validateSource({ path: join(dir, "appels.resource.yaml") });
    expect(yaml.tasks.map((t) => [t.name, t.valid, t.stats.rows])).toEqual([["appels", true, 2]]);
    const table = await validateSource({ path: join(dir, "appels.json"), schemaPath: join(dir, "schema.json") });
    expect(flatten(table)).toEqual([[3, undefined, "primary-key"]]);
  });

  it("reports an unreadable table as a task error", async () => {
    const report = await validateSource({ path: "/nonexistent/laureats.csv" });
    expect(flatten(report)).toEqual([[undefined, undefined, "scheme-error"]]);
  });

  it("validates a resource descriptor given by URL, its paths resolved against the URL", async () => {
    const files: Record<string, string> = {
      "/data/appels.resource.json": JSON.stringify({ name: "appels", path: "appels.csv", schema: APPELS_SCHEMA }),
      "/data/appels.csv": "id,titre\nappel-1,Appel fictif\nappel-1,Doublon fictif\n",
    };
    const server = await startLocalServer(({ path }) => ({ status: files[path] === undefined ? 404 : 200, raw: files[path] ?? "" }));
    try {
      const report = await validateSource({ path: `${server.url}/data/appels.resource.json` });
      expect(report.tasks[0]?.name).toBe("appels");
      expect(flatten(report)).toEqual([[3, undefined, "primary-key"]]);
    } finally {
      await server.close();
    }
  });
});
