import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Package, Schema } from "../descriptor/types.ts";
import { makeXlsx } from "../../../fakes/fixtures/make-xlsx.ts";
import { flatten } from "../../../fakes/fixtures/flatten-report.ts";
import { folderWith } from "../../../fakes/fixtures/temp-folder.ts";
import { validatePackage } from "./validate-package.ts";

const APPELS: Schema = {
  missingValues: [""],
  primaryKey: ["id"],
  fields: [{ name: "id", type: "string" }, { name: "ouverture", type: "date" }, { name: "dotation", type: "number" }],
};

describe("validatePackage", () => {
  it("validates inline, JSON, XLSX and multipart resources, with row numbers continuing across parts", async () => {
    const dir = await folderWith({
      "appels.xlsx": makeXlsx({ Appels: [["id", "ouverture", "dotation"], ["appel-1", new Date(Date.UTC(2024, 0, 15)), 1_000_000], ["appel-2", "pas une date", 5]] }),
      "appels.json": JSON.stringify([{ id: "appel-3", ouverture: "2024-02-01", dotation: 10 }, { id: "appel-3", ouverture: "2024-02-02", dotation: "beaucoup" }]),
      "partie-1.csv": "id,ouverture,dotation\nappel-4,2024-03-01,1\n",
      "partie-2.csv": "id,ouverture,dotation\nappel-5,2024-03-02,2\nappel-4,2024-03-03,x\n",
    });
    const pkg: Package = {
      resources: [
        { name: "inline", data: [["id", "ouverture", "dotation"], ["appel-0", "2024-01-01", "12.5"]], schema: APPELS },
        { name: "excel", path: "appels.xlsx", schema: APPELS },
        { name: "json", path: "appels.json", schema: APPELS },
        { name: "multipart", path: ["partie-1.csv", "partie-2.csv"], schema: APPELS },
      ],
    };
    const report = await validatePackage(pkg, { basePath: dir });
    expect(report.tasks.map((t) => [t.name, t.stats.rows, flatten(t)])).toEqual([
      ["inline", 1, []],
      ["excel", 2, [[3, 2, "type-error"]]],
      ["json", 2, [[3, 3, "type-error"], [3, undefined, "primary-key"]]],
      ["multipart", 3, [[4, 3, "type-error"], [4, undefined, "primary-key"]]],
    ]);
  });

  it("matches foreign keys as values, as frictionless-py does: an integer never equals a string, 1 equals 1.0", async () => {
    const dir = await folderWith({
      "codes.csv": "code,rang\n1,1\n2,2\n",
      "projets.csv": "id,code_texte,code_rang\np-1,1,1.0\np-2,2,2\n",
    });
    const codes: Schema = { missingValues: [""], fields: [{ name: "code", type: "string" }, { name: "rang", type: "integer" }] };
    const projets: Schema = {
      missingValues: [""],
      fields: [{ name: "id", type: "string" }, { name: "code_texte", type: "integer" }, { name: "code_rang", type: "number" }],
      foreignKeys: [
        { fields: ["code_texte"], reference: { resource: "codes", fields: ["code"] } },
        { fields: ["code_rang"], reference: { resource: "codes", fields: ["rang"] } },
      ],
    };
    const report = await validatePackage({ resources: [{ name: "codes", path: "codes.csv", schema: codes }, { name: "projets", path: "projets.csv", schema: projets }] }, { basePath: dir });
    const errors = report.tasks[1]?.errors ?? [];
    expect(errors.map((error) => [error.rowNumber, error.type, error.fieldNames])).toEqual([
      [2, "foreign-key", ["code_texte"]],
      [3, "foreign-key", ["code_texte"]],
    ]);
  });

  it("checks a resource that is not a table as a file: present, with its declared hash and size", async () => {
    const notice = Buffer.from("%PDF-1.4 notice fictive\n");
    const dir = await folderWith({ "notice.pdf": notice });
    const sha256 = createHash("sha256").update(notice).digest("hex");
    const report = await validatePackage(
      {
        resources: [
          { name: "notice", path: "notice.pdf", bytes: notice.length, hash: `sha256:${sha256}` },
          { name: "fausse", path: "notice.pdf", bytes: 3, hash: "md5:00" },
          { name: "absente", path: "absente.pdf" },
          { name: "sha1", path: "notice.pdf", hash: "sha1:00" },
        ],
      },
      { basePath: dir },
    );
    expect(report.tasks.map((task) => [task.name, task.type, task.valid, task.errors.map((error) => error.type)])).toEqual([
      ["notice", "file", true, []],
      ["fausse", "file", false, ["hash-count", "byte-count"]],
      ["absente", "file", false, ["scheme-error"]],
      ["sha1", "file", true, []],
    ]);
    // As frictionless-py: only md5 and sha256 are checked.
    expect(report.tasks[3]?.warnings).toEqual(["hash is ignored; supported algorithms: md5/sha256"]);
    expect(report.tasks[0]?.stats).toMatchObject({ bytes: notice.length, sha256 });
  });

  it("reports each lauréat pointing to an unknown appel, up to the error limit", async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `l-${k},appel-${k % 3}`).join("\n");
    const dir = await folderWith({ "appels.csv": "id\nappel-0\nappel-1\n", "laureats.csv": `id,appel_id\n${rows}\n` });
    const report = await validatePackage(
      {
        resources: [
          { name: "appels", path: "appels.csv", schema: { missingValues: [""], fields: [{ name: "id", type: "string" }] } },
          {
            name: "laureats",
            path: "laureats.csv",
            schema: {
              missingValues: [""],
              fields: [{ name: "id", type: "string" }, { name: "appel_id", type: "string" }],
              foreignKeys: [{ fields: ["appel_id"], reference: { resource: "appels", fields: ["id"] } }],
            },
          },
        ],
      },
      { basePath: dir },
    );
    const errors = report.tasks[1]?.errors ?? [];
    expect(errors).toHaveLength(1000);
    expect(errors[0]).toMatchObject({ type: "foreign-key", rowNumber: 4, fieldNames: ["appel_id"], fieldCells: ["appel-2"] });
    expect(report.tasks[1]?.warnings).toEqual(["reached error limit: 1000"]);
  });
});
