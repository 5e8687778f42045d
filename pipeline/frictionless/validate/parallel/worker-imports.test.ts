import { describe, expect, it } from "vitest";
import { loadedAtStart } from "../../../../fakes/fixtures/loaded-at-start.ts";

describe("what validating loads at start", () => {
  // Every worker thread loads its modules again: each package it does not use is CPU taken from the checks (tens of ms apiece).
  it("loads none of the readers and validators it does not use: XLSX, zip, gzip, ajv", async () => {
    const loaded = (await loadedAtStart("./chunk-worker.ts", import.meta.url)).packages;
    expect(loaded).toContain("node:worker_threads");
    for (const unused of ["saxes", "yauzl", "ajv", "ajv-formats", "node:zlib", "exceljs"]) expect(loaded).not.toContain(unused);
  });

  // aap.js loads it before anything else, to start a big table's threads while the program loads: it must stay light.
  it("loads, for the core's second entry (early.ts), Node's own modules and nothing else", async () => {
    const loaded = (await loadedAtStart("../../early.ts", import.meta.url)).packages;
    expect([...loaded].sort()).toEqual(["node:fs", "node:os", "node:path", "node:url", "node:worker_threads"]);
  });

  // A module of custom checks imports it, and each worker thread imports that module: it must stay light.
  it("loads, for the core's third entry (for-checks.ts), the error base and nothing else", async () => {
    const { files, packages } = await loadedAtStart("../../for-checks.ts", import.meta.url);
    expect(packages.size).toBe(0);
    expect(files.map((file) => file.replace(/^.*pipeline\/frictionless\//, "")).sort()).toEqual(["errors/coded-error.ts", "for-checks.ts"]);
  });

  // `aap validate` runs validateSource: its start is on the path of every validation, CSV or not.
  it("loads the XLSX and zip readers only for a workbook or an archive, neither ajv's compiler nor the CSV writer", async () => {
    const loaded = (await loadedAtStart("../validate-source.ts", import.meta.url)).packages;
    // The descriptor profiles come compiled (profile-validators.generated.js): only the formats they check are loaded.
    expect(loaded).toContain("ajv-formats/dist/formats.js");
    for (const unused of ["saxes", "yauzl", "exceljs", "ajv", "ajv-formats", "csv-stringify/sync"]) expect(loaded).not.toContain(unused);
  });
});
