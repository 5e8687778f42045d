import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../../fakes/fixtures/temp-folder.ts";
import { arrayItems, JsonTableWriters } from "./json-writers.ts";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir("aap-json-")));
afterEach(() => cleanup());

/** Synthetic records whose text holds what could be taken for a line end: escaped line feeds, non-ASCII, commas. */
function fictiveRecord(i: number): Record<string, unknown> {
  return { code: `FICTIF-${i}`, titre: `ligne\nsuivante, « été » 漢字 ${i}`, montant: i % 4 === 0 ? null : i * 1.5, ouvert: i % 2 === 0 };
}

describe("JsonTableWriters", () => {
  it("writes the JSON array exactly as JSON.stringify would lay it out, across several batches, and the same lines as NDJSON", async () => {
    const records = Array.from({ length: 2_345 }, (_, i) => fictiveRecord(i));
    const writers = new JsonTableWriters(join(dir, "t.json"), join(dir, "t.ndjson"));
    for (const record of records) await writers.add(record);
    await writers.finish();
    const lines = records.map((record) => JSON.stringify(record));
    expect(await readFile(join(dir, "t.json"), "utf8")).toBe(`[\n${lines.join(",\n")}\n]\n`);
    expect(await readFile(join(dir, "t.ndjson"), "utf8")).toBe(`${lines.join("\n")}\n`);
  });
});

describe("arrayItems", () => {
  it("turns NDJSON lines into array items after the opening, with no separator after the last", () => {
    const lines = ['{"a":"x\\ny"}', '{"b":"é"}', '{"c":3}'];
    const ndjson = Buffer.from(`${lines.join("\n")}\n`);
    expect(arrayItems(ndjson, 3, ",\n").toString()).toBe(`,\n${lines.join(",\n")}`);
    expect(arrayItems(Buffer.from('{"seul":true}\n'), 1, "[\n").toString()).toBe('[\n{"seul":true}');
  });
});
