import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The packages and Node modules a module loads as it starts (its static imports, followed through our own files). */
async function loadedAtStart(entry: string): Promise<Set<string>> {
  const out = await build({ entryPoints: [fileURLToPath(new URL(entry, import.meta.url))], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
  const { inputs } = out.metafile;
  const start = Object.keys(inputs).find((path) => path.endsWith(entry.replace(/^(\.\.?\/)+/, ""))) as string;
  const seen = new Set([start]);
  const loaded = new Set<string>();
  for (const path of seen) {
    for (const { path: imported, kind, external } of inputs[path]?.imports ?? []) {
      // A dynamic import loads when it runs, not at start.
      if (kind === "dynamic-import") continue;
      if (external) loaded.add(imported);
      else seen.add(imported);
    }
  }
  return loaded;
}

describe("what validating loads at start", () => {
  // Every worker thread loads its modules again: each package it does not use is CPU taken from the checks (tens of ms apiece).
  it("loads none of the readers and validators it does not use: XLSX, zip, gzip, ajv", async () => {
    const loaded = await loadedAtStart("./chunk-worker.ts");
    expect(loaded).toContain("node:worker_threads");
    for (const unused of ["saxes", "yauzl", "ajv", "ajv-formats", "node:zlib", "exceljs"]) expect(loaded).not.toContain(unused);
  });

  // aap.js loads it before anything else, to start a big table's threads while the program loads: it must stay light.
  it("loads, for the core's second entry (early.ts), Node's own modules and nothing else", async () => {
    const loaded = await loadedAtStart("../../early.ts");
    expect([...loaded].sort()).toEqual(["node:fs", "node:os", "node:path", "node:url", "node:worker_threads"]);
  });

  // `aap validate` runs validateSource: its start is on the path of every validation, CSV or not.
  it("loads the XLSX and zip readers only for a workbook or an archive, neither ajv's compiler nor the CSV writer", async () => {
    const loaded = await loadedAtStart("../validate-source.ts");
    // The descriptor profiles come compiled (profile-validators.generated.js): only the formats they check are loaded.
    expect(loaded).toContain("ajv-formats/dist/formats.js");
    for (const unused of ["saxes", "yauzl", "exceljs", "ajv", "ajv-formats", "csv-stringify/sync"]) expect(loaded).not.toContain(unused);
  });
});
