import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledBuildInputs, extractedInput, stagedBundle, type BuildInputs } from "../../fakes/fixtures/build-inputs.ts";
import type { SourceRecord } from "../extract/types.ts";
import { jsonLinesLogger } from "../log/console-logger.ts";
import type { ProgressMeter } from "../log/progress.ts";
import { extractPackage, readAll } from "./extract-package.ts";
import { transformExtracted } from "./transform-extracted.ts";
import { validateStaged } from "./validate-staged.ts";

// Each stage counts what it has done on long work: a CI log then shows a 2-million-row night
// moving, every few seconds, instead of a minute of silence.

let inputs: BuildInputs;
beforeAll(async () => {
  inputs = await bundledBuildInputs();
});
afterAll(() => rm(inputs.root, { recursive: true, force: true }));

/** A meter factory that keeps every update, by subject. */
function recordingMeters(): { factory: (subject: string, totalBytes?: number) => ProgressMeter; updates: Map<string, { rows?: number; bytes?: number }[]>; totals: Map<string, number | undefined> } {
  const updates = new Map<string, { rows?: number; bytes?: number }[]>();
  const totals = new Map<string, number | undefined>();
  return {
    updates,
    totals,
    factory: (subject, totalBytes) => {
      totals.set(subject, totalBytes);
      return { update: (counts) => updates.set(subject, [...(updates.get(subject) ?? []), counts]), done: () => undefined };
    },
  };
}

describe("progress of the stages", () => {
  it("extract: a source of 12,000 rows gives extract.progress events with the rows read so far", async () => {
    const dir = inputs.declaration.dir;
    const rows = Array.from({ length: 12_000 }, (_, n) => `ref-fictive-${n},Projet fictif ${n}`);
    await writeFile(join(dir, "sources", "gros-fictif.csv"), `Réf.,Projet\n${rows.join("\n")}\n`);
    const declaration = {
      ...inputs.declaration,
      resources: [{ name: "laureats", schema: "../../schemas/laureats/schema.json", source: { connector: "file", path: "sources/gros-fictif.csv" }, mapping: { id: "Réf.", titre: "Projet" } }],
    };
    const lines: string[] = [];
    let ms = 0;
    // A clock that moves one second per reading, and a pace of one event a second: every update shows.
    const logger = jsonLinesLogger({ write: (text: string) => lines.push(text) }, { now: () => new Date((ms += 1000)), progressEveryMs: 1000, firstProgressAfterMs: 0 });
    // The sources are opened, then their records streamed: progress comes as they are read.
    await readAll(await extractPackage(declaration, { stateDir: join(inputs.root, ".aap"), savedStates: {}, env: {}, force: true, logger }));
    const events = lines.map((line) => JSON.parse(line) as { event: string; package: string; data: { subject: string; rows: number } });
    const progress = events.filter((event) => event.event === "extract.progress");
    expect(progress.map((event) => event.data.rows)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 11_000, 12_000]);
    expect(progress[0]).toMatchObject({ package: inputs.declaration.name, data: { subject: "laureats" } });
  });

  it("transform: the rows mapped so far, by table, every thousand rows", async () => {
    const laureats = inputs.extracted.filter((e) => e.name === "laureats");
    // The fixture's records are read whole (build-inputs.ts): an array.
    const read = laureats[0]!.records as SourceRecord[];
    const many = Array.from({ length: 2500 }, (_, n) => ({ ...read[n % read.length]! }));
    const extracted = [...inputs.extracted.filter((e) => e.name !== "laureats"), extractedInput("laureats", 0, laureats[0]!.provenance().source, many)];
    const meters = recordingMeters();
    const transformed = transformExtracted(inputs.declaration, inputs.schemas, extracted, { meter: meters.factory });
    // The tables stream: rows are counted as they are pulled.
    for (const table of transformed.tables) for await (const _row of table.rows);
    expect(meters.updates.get("laureats")).toEqual([{ rows: 1000 }, { rows: 2000 }]);
    expect(meters.updates.has("appels")).toBe(false);
  });

  it("validate: each table's rows and bytes, with the file's size as the total", async () => {
    const { staged } = await stagedBundle(inputs);
    const meters = recordingMeters();
    await validateStaged(staged.dir, meters.factory);
    // A table without rows (the SCDL export, today) reads no batch: nothing to tell.
    expect([...meters.updates.keys()].sort()).toEqual(expect.arrayContaining(["appels", "laureats", "programmes"]));
    const appels = meters.updates.get("appels")!.at(-1)!;
    expect(appels.rows).toBeGreaterThan(20);
    expect(meters.totals.get("appels")).toBe(appels.bytes);
  });
});
