import { open } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAULTY_SCHEMA, faultyRecords } from "../../../../fakes/fixtures/faulty-rows.ts";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import type { Schema } from "../../descriptor/types.ts";
import { stripTimings } from "../../report/build-report.ts";
import type { ReportTask } from "../../report/types.ts";
import type { ValidateOptions } from "../options.ts";
import { validatePackage } from "../validate-package.ts";
import { firstChunkBytes, planParallel, type Piece } from "./chunk-plan.ts";
import { PieceReader } from "./piece-reader.ts";

// A table's first chunks are small and double up to the chunk size (chunk-plan.ts
// FIRST_CHUNK_BYTES), so that each thread's first rows run through every path of the code
// before it is optimised. The other tests cut chunks smaller than the first size; these cut
// a table of a few hundred kilobytes in chunks that grow.

const CHUNK_BYTES = 128 * 1024;

function csv(records: string[][]): string {
  const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [FAULTY_SCHEMA.fields.map((field) => field.name), ...records].map((record) => record.map(quote).join(",")).join("\n") + "\n";
}

const TEXT = csv(faultyRecords(6000));

describe("a table's first chunks", () => {
  it("double from the first chunk size up to the chunk size, each cut after a line feed, end to end", async () => {
    const dir = await folderWith({ "laureats.csv": TEXT });
    const path = join(dir, "laureats.csv");
    const plan = await planParallel({ name: "laureats", path: "laureats.csv", schema: FAULTY_SCHEMA }, path, { parallel: { threads: 2, minBytes: 0, chunkBytes: CHUNK_BYTES } });
    if (plan === undefined) throw new Error("the table was not planned in chunks");
    const handle = await open(path);
    const pieces: Piece[] = [plan.head];
    try {
      const reader = new PieceReader(handle, plan, (size) => new Uint8Array(size));
      while (!reader.done) pieces.push((await reader.next()) as Piece);
    } finally {
      await handle.close();
    }
    const longestLine = Math.max(...TEXT.split("\n").map((line) => Buffer.byteLength(line) + 1));
    const asked = pieces.map((_, k) => Math.min(CHUNK_BYTES, firstChunkBytes(CHUNK_BYTES) * 2 ** k));
    expect(asked.slice(0, 5)).toEqual([16384, 32768, 65536, 131072, 131072]);
    pieces.forEach((piece, k) => {
      const length = piece.end - piece.start;
      expect(piece.start).toBe(k === 0 ? 0 : (pieces[k - 1] as Piece).end);
      expect(piece.bytes.length).toBe(length);
      expect(piece.bytes[length - 1]).toBe(0x0a);
      if (!piece.last) expect(length).toBeGreaterThan((asked[k] as number) - longestLine);
      expect(length).toBeLessThanOrEqual(asked[k] as number);
    });
    expect(pieces.at(-1)?.end).toBe(Buffer.byteLength(TEXT));
    expect(pieces.filter((piece) => piece.last)).toHaveLength(1);
  });

  it("give the row-by-row report, every error in its place, to the error limit", async () => {
    const basePath = await folderWith({ "laureats.csv": TEXT });
    const pkg = { resources: [{ name: "laureats", path: "laureats.csv", schema: FAULTY_SCHEMA }] };
    const report = async (options: ValidateOptions): Promise<ReportTask> => stripTimings(await validatePackage(pkg, { basePath, ...options })).tasks[0] as ReportTask;
    for (const limitErrors of [0, 500]) {
      const sequential = await report({ limitErrors, parallel: false, spans: false });
      const chunked = await report({ limitErrors, parallel: { threads: 2, minBytes: 0, chunkBytes: CHUNK_BYTES } });
      expect(sequential.errors.length).toBeGreaterThan(limitErrors === 0 ? 1000 : 499);
      if (limitErrors > 0) {
        // How far the file was read depends on how it was read.
        delete (sequential.stats as Partial<ReportTask["stats"]>).bytes;
        delete (chunked.stats as Partial<ReportTask["stats"]>).bytes;
      }
      expect(chunked).toEqual(sequential);
    }
  });

  it("hold the whole header, however long, when a quoted label holds a line break", async () => {
    const label = `titre\nsur deux lignes ${"très long ".repeat(3000)}`;
    const rows = Array.from({ length: 3000 }, (_, k) => `l-${k % 2900},Projet fictif ${k},${k}.5`);
    const basePath = await folderWith({ "laureats.csv": `id,"${label}",montant\n${rows.join("\n")}\n` });
    const schema: Schema = { fields: [{ name: "id", type: "string" }, { name: "titre", type: "string" }, { name: "montant", type: "number" }], primaryKey: ["id"], missingValues: [""] };
    const pkg = { resources: [{ name: "laureats", path: "laureats.csv", schema }] };
    const sequential = stripTimings(await validatePackage(pkg, { basePath, parallel: false, spans: false })).tasks[0] as ReportTask;
    const chunked = stripTimings(await validatePackage(pkg, { basePath, parallel: { threads: 2, minBytes: 0, chunkBytes: CHUNK_BYTES } })).tasks[0] as ReportTask;
    expect(sequential.errors.map((error) => error.type)).toEqual(["incorrect-label", ...Array<string>(100).fill("primary-key")]);
    expect(chunked).toEqual(sequential);
  });
});

