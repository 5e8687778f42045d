import { describe, expect, it } from "vitest";
import { CLEAN_ROW, FAULTY_CHUNK_SETUP, FAULTY_SCHEMA, faultyRecords, LOOSE_SCHEMA } from "../../../../fakes/fixtures/faulty-rows.ts";
import { flatten } from "../../../../fakes/fixtures/flatten-report.ts";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import type { Schema } from "../../descriptor/types.ts";
import { stripTimings } from "../../report/build-report.ts";
import type { ReportTask } from "../../report/types.ts";
import type { ValidateOptions } from "../options.ts";
import { validatePackage } from "../validate-package.ts";
import type { CheckRow } from "../check.ts";
import type { StartedCheck } from "../custom-checks.ts";
import { ChunkChecker, type ChunkJob, type ChunkSetup } from "./check-chunk.ts";

/**
 * Chunks are read as byte spans and their cells checked on their bytes (span-checks.ts); row
 * by row, the same table is read as text. Whole tables with faulty rows sprinkled among clean
 * ones, cut into chunks of a few kilobytes, must give the same report both ways.
 */
function csv(records: string[][], header: readonly string[]): string {
  const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [header, ...records].map((record) => record.map(quote).join(",")).join("\n") + "\n";
}

async function bothWays(schema: Schema, text: string, options: ValidateOptions = {}): Promise<{ sequential: ReportTask; chunked: ReportTask }> {
  const basePath = await folderWith({ "laureats.csv": text });
  const pkg = { resources: [{ name: "laureats", path: "laureats.csv", schema }] };
  const sequential = stripTimings(await validatePackage(pkg, { ...options, basePath, parallel: false, spans: false })).tasks[0] as ReportTask;
  const chunked = stripTimings(await validatePackage(pkg, { ...options, basePath, parallel: { threads: 2, minBytes: 0, chunkBytes: 4096 } })).tasks[0] as ReportTask;
  return { sequential, chunked };
}

describe("chunks checked on their bytes", () => {
  const header = FAULTY_SCHEMA.fields.map((field) => field.name);
  const text = csv(faultyRecords(2500), header);

  it("give the row-by-row report of a table with faulty rows of every kind", async () => {
    for (const schema of [FAULTY_SCHEMA, LOOSE_SCHEMA]) {
      const { sequential, chunked } = await bothWays(schema, text, { limitErrors: 0 });
      const types = new Set(flatten(sequential).map(([, , type]) => type));
      expect([...types].sort()).toEqual(["blank-row", "constraint-error", "extra-cell", "missing-cell", "primary-key", "type-error", "unique-error"]);
      expect(chunked).toEqual(sequential);
    }
  });

  it("stop at the error limit on the same row", async () => {
    const { sequential, chunked } = await bothWays(FAULTY_SCHEMA, text, { limitErrors: 40 });
    expect(sequential.errors).toHaveLength(40);
    // How far the file was read depends on how it was read.
    delete (sequential.stats as Partial<ReportTask["stats"]>).bytes;
    delete (chunked.stats as Partial<ReportTask["stats"]>).bytes;
    expect(chunked).toEqual(sequential);
  });

  it("read a clean table as valid, both ways", async () => {
    const clean = Array.from({ length: 3000 }, (_, k) => [`l-${k}`, ...CLEAN_ROW.slice(1)]);
    const { sequential, chunked } = await bothWays(FAULTY_SCHEMA, csv(clean, header));
    expect(sequential.valid).toBe(true);
    expect(sequential.stats.rows).toBe(3000);
    expect(chunked).toEqual(sequential);
  });
});

describe("ChunkChecker", () => {
  const header = FAULTY_SCHEMA.fields.map((field) => field.name);
  // A record the span tokenizer leaves to the string tokenizer (text after a closing quote) now and then.
  const lines = csv(faultyRecords(3000), header).split("\n");
  const text = lines.map((line, k) => (k % 97 === 50 ? `l-odd-${k},"Projet"x,,,,,,,https://ex.invalid/1,` : line)).join("\n");
  const setup: ChunkSetup = FAULTY_CHUNK_SETUP;

  /** The text cut after line feeds every few kilobytes, as the chunk plan cuts a file. */
  function jobs(): ChunkJob[] {
    const bytes = new TextEncoder().encode(text);
    const cut: ChunkJob[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = Math.min(bytes.length, bytes.indexOf(10, start + 5000) + 1 || bytes.length);
      cut.push({ id: cut.length, bytes: bytes.subarray(start, end), first: start === 0, last: end === bytes.length });
      start = end;
    }
    return cut;
  }

  it("gives each chunk the result a checker of its own gives, chunks checked one after the other or all at once", async () => {
    const alone = [];
    for (const job of jobs()) alone.push(await (await ChunkChecker.create(setup)).check(job));
    expect(alone.length).toBeGreaterThan(30);
    expect(alone.every((result) => result.errors.length > 0 && result.rowNumbers.length > 0)).toBe(true);
    const checker = await ChunkChecker.create(setup);
    const inTurn = [];
    for (const job of jobs()) inTurn.push(await checker.check(job));
    expect(inTurn).toEqual(alone);
    // Each check's batch lives in the arrays of the tokenizer it cut with: a check started while another awaits must not cut into them.
    expect(await Promise.all(jobs().map((job) => checker.check(job)))).toEqual(alone);
    expect(await checker.check((jobs()[3] as ChunkJob))).toEqual(alone[3]);
  });

  it("runs a custom check on every chunk, though it threw in a chunk checked before by the same checker", async () => {
    // Synthetic: finds every row whose number ends in 7, and throws on the 20th row of each chunk.
    const started = (): StartedCheck[] => {
      let seen = 0;
      const check = {
        type: "septieme",
        title: "Septième",
        description: "Ligne fictive.",
        row(row: CheckRow) {
          if (++seen % 20 === 0) throw new Error("panne fictive");
          return row.rowNumber % 10 === 7 ? [{ note: `ligne ${row.rowNumber}` }] : undefined;
        },
      };
      return [{ name: "septieme", params: {}, check }];
    };
    const [first, second] = jobs() as [ChunkJob, ChunkJob];
    const alone = await ChunkChecker.withStarted(setup, started()).check(second);
    expect(alone.checkOutputs.filter(({ output }) => "error" in output).length).toBeGreaterThan(0);
    expect(alone.checkOutputs.filter(({ output }) => "threw" in output)).toHaveLength(1);
    const checker = ChunkChecker.withStarted(setup, started());
    const before = await checker.check(first);
    expect(before.checkOutputs.some(({ output }) => "threw" in output)).toBe(true);
    expect(await checker.check(second)).toEqual(alone);
  });
});
