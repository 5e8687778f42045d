import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Package, Resource } from "../descriptor/types.ts";
import { stripTimings } from "../report/build-report.ts";
import type { ReportTask } from "../report/types.ts";
import { FAULTY_SCHEMA, faultyRecords } from "../../../fakes/fixtures/faulty-rows.ts";
import { SAMPLE_APPELS_CSV, SAMPLE_APPELS_SCHEMA, sampleLaureatsSchema } from "../../../fakes/fixtures/sample-check-tables.ts";
import { sampleChecks } from "../../../fakes/fixtures/sample-checks.ts";
import { folderWith } from "../../../fakes/fixtures/temp-folder.ts";
import { startLocalServer } from "../../../fakes/http/local-server.ts";
import { ErrorCollector } from "./error-collector.ts";
import type { ValidateOptions } from "./options.ts";
import { SerialSpans, spansCandidate } from "./serial-spans.ts";
import { StopCheck } from "./stop-check.ts";
import { validatePackage } from "./validate-package.ts";

// A table that no worker thread checks is read as spans on the calling thread: every report
// must be the one the text reader gives (`spans: false`), the oracle, stats included (bytes,
// digests, rows). The tables are a few hundred kilobytes, so that they are checked in several
// pieces of 64 KiB and the hostile bytes fall after the first chunks, where the dialect is
// sniffed and the header read.

/** Cells quoted when they must be, records joined by `eol`. */
function csvOf(records: string[][], eol = "\n"): string {
  const cell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return records.map((record) => record.map(cell).join(",")).join(eol) + eol;
}

const HEADER = FAULTY_SCHEMA.fields.map((field) => field.name);
/** About 300 KB: five pieces. */
const FAULTY = csvOf([HEADER, ...faultyRecords(3000)]);

/** Where record `n` (1: the header) starts in `text`: its index. */
function recordAt(text: string, n: number): number {
  let at = 0;
  for (let k = 1; k < n; k++) at = text.indexOf("\n", at) + 1;
  return at;
}

/** Where record `n` starts in the bytes of `text`. */
function recordStart(text: string, n: number): number {
  return Buffer.byteLength(text.slice(0, recordAt(text, n)));
}

/** Both reports, with no error limit unless `options` set one: the hostile bytes come after many faulty rows. */
async function reports(resource: Resource, files: Record<string, string | Uint8Array>, options: ValidateOptions = {}): Promise<{ spans: ReportTask; text: ReportTask }> {
  const basePath = await folderWith(files);
  const pkg: Package = { resources: [resource] };
  const run = async (more: ValidateOptions): Promise<ReportTask> => stripTimings(await validatePackage(pkg, { hashes: true, limitErrors: 0, ...options, ...more, basePath, parallel: false })).tasks[0] as ReportTask;
  return { spans: await run({}), text: await run({ spans: false }) };
}

/** Whether the table is read as spans (else as text), as `validateTable` would open it. */
async function readsSpans(resource: Resource, basePath: string): Promise<boolean> {
  const strategy = new SerialSpans();
  const options: ValidateOptions = {};
  await strategy.open({ resource, options, context: {}, basePath, place: "t", errors: new ErrorCollector(options), warnings: [], stop: new StopCheck(undefined), digests: [] });
  return strategy.readsSpans;
}

/**
 * A table stopped by the error limit, or inside a record longer than a piece, reports as
 * `bytes` how far it was read: the text reader reads 64 KiB at a time, the spans a piece of up
 * to 1 MiB (as the parallel path reads ahead). Left out of those comparisons only.
 */
function withoutBytes(task: ReportTask): ReportTask {
  return { ...task, stats: { ...task.stats, bytes: 0 } };
}

const table = (path = "t.csv", more: Partial<Resource> = {}): Resource => ({ name: "t", path, schema: FAULTY_SCHEMA, ...more });

describe("a CSV table read as spans on the calling thread", () => {
  it("gives the text reader's report: every error, in order, key errors with their cells, bytes, digests and rows", async () => {
    for (const limitErrors of [0, 1, 37, 1000]) {
      const { spans, text } = await reports(table(), { "t.csv": FAULTY }, { limitErrors });
      expect(spans.errors.length).toBeGreaterThan(limitErrors === 0 ? 1000 : limitErrors - 1);
      if (limitErrors === 0) expect(spans).toEqual(text);
      else expect(withoutBytes(spans)).toEqual(withoutBytes(text));
    }
    const whole = await reports(table(), { "t.csv": FAULTY });
    expect(whole.spans.stats).toMatchObject({ bytes: Buffer.byteLength(FAULTY), rows: 3000 });
    // Key errors come with their row's cells, read again from the piece.
    expect(whole.spans.errors.filter((error) => error.type === "unique-error" && Array.isArray(error.cells)).length).toBeGreaterThan(100);
    expect(whole.spans.stats.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the path taken for a local, a compressed and a remote CSV file; not for a row limit, spans: false or a dialect spans do not read", async () => {
    const dir = await folderWith({ "t.csv": FAULTY, "t.csv.gz": gzipSync(FAULTY), "t.txt": FAULTY.replace(/,/g, ";") });
    expect(await readsSpans(table(), dir)).toBe(true);
    expect(await readsSpans(table("t.csv.gz"), dir)).toBe(true);
    // A `;` table read with an escape character: the string tokenizer's.
    expect(await readsSpans(table("t.txt", { format: "csv", dialect: { escapeChar: "\\" } }), dir)).toBe(false);
    expect(spansCandidate(table(), {})).toBe(true);
    expect(spansCandidate(table(), { limitRows: 10 })).toBe(false);
    expect(spansCandidate(table(), { spans: false })).toBe(false);
    expect(spansCandidate(table("t.csv", { encoding: "windows-1252" }), {})).toBe(false);
  });

  it("stops at an undecodable byte with the text reader's offset, row, guess and digests left out", async () => {
    for (const row of [2, 60, 150, 1500, 3001]) {
      const bytes = Buffer.from(FAULTY);
      const at = recordStart(FAULTY, row) + 3;
      bytes[at] = 0xe9;
      const { spans, text } = await reports(table(), { "t.csv": bytes });
      expect(spans.errors.at(-1)?.type).toBe("encoding-error");
      expect(spans).toEqual(text);
    }
    // An incomplete character at the very end.
    const { spans, text } = await reports(table(), { "t.csv": Buffer.concat([Buffer.from(FAULTY), Buffer.from([0xc3])]) });
    expect(spans.errors.at(-1)?.type).toBe("encoding-error");
    expect(spans).toEqual(text);
  });

  it("reports a quote that never closes, and a last record cut short, as the text reader does", async () => {
    for (const row of [5, 1500, 3001]) {
      const at = recordAt(FAULTY, row);
      // No quote after it: it never closes.
      const csv = `${FAULTY.slice(0, at)}"never closed,${FAULTY.slice(at).replace(/"/g, "")}`;
      const { spans, text } = await reports(table(), { "t.csv": csv });
      expect(spans.errors.at(-1)?.type).toBe("source-error");
      expect(spans).toEqual(text);
    }
    for (const cut of [1, 5, 40]) {
      const { spans, text } = await reports(table(), { "t.csv": FAULTY.slice(0, FAULTY.length - cut) });
      expect(spans).toEqual(text);
    }
  });

  it("reads a BOM and CRLF line ends, a 3 MB quoted cell holding line breaks, and stops at a cell past the size limit", async () => {
    const records = [HEADER, ...faultyRecords(2000)];
    const crlf = `\ufeff${csvOf(records, "\r\n")}`;
    const bom = await reports(table(), { "t.csv": crlf });
    expect(bom.spans.labels).toEqual(HEADER);
    expect(bom.spans).toEqual(bom.text);
    (records[1200] as string[])[1] = "ligne\n".repeat(500_000);
    const big = await reports(table(), { "t.csv": csvOf(records) });
    expect(big.spans.errors.some((error) => error.rowNumber === 1201)).toBe(true);
    expect(big.spans).toEqual(big.text);
    // Stopped inside a record that a piece did not finish: how far the file was read depends on how it was read (the text reader tells the cell past the limit sooner).
    const limited = await reports(table(), { "t.csv": csvOf(records) }, { limits: { maxCellChars: 1_000_000 } });
    expect(limited.spans.errors.at(-1)?.type).toBe("source-error");
    expect(limited.spans.stats.bytes).toBeGreaterThan(limited.text.stats.bytes - 1);
    expect(withoutBytes(limited.spans)).toEqual(withoutBytes(limited.text));
  });

  it("gives the text reader's report for a row limit and for a .csv.gz file, bytes being those of the file as stored", async () => {
    for (const limitRows of [10, 2500]) {
      const { spans, text } = await reports(table(), { "t.csv": FAULTY }, { limitRows });
      expect(spans.stats.rows).toBe(limitRows);
      expect(spans).toEqual(text);
    }
    const gz = gzipSync(FAULTY);
    const { spans, text } = await reports(table("t.csv.gz"), { "t.csv.gz": gz });
    expect(spans.stats).toMatchObject({ rows: 3000, bytes: gz.length });
    expect(spans).toEqual(text);
  });

  it("reads a remote file as the text reader does", async () => {
    const body = Buffer.from(FAULTY);
    const server = await startLocalServer(() => ({ status: 200, raw: body, headers: { "content-type": "text/csv" } }));
    try {
      const { spans, text } = await reports(table(`${server.url}/t.csv`), {});
      expect(spans.stats).toMatchObject({ rows: 3000, bytes: body.length });
      expect(spans).toEqual(text);
    } finally {
      await server.close();
    }
  });

  it("runs the custom checks once started, with a check that throws and one that reads another table, as the text reader does", async () => {
    const schema = sampleLaureatsSchema([{ name: "montant-plafond", params: { plafond: 900 } }, { name: "dizaine-puis-panne", params: { panne: 2300 } }, { name: "decision-avant-ouverture" }]);
    const lines = ["id,appel_id,montant,date_decision"];
    for (let n = 1; n <= 6000; n++) lines.push(`${n === 4000 ? 12 : n},AAP-FICTIF-${1 + (n % 2)},${n % 7 === 0 ? 1000 + n : n % 300},2021-0${1 + (n % 5)}-15`);
    const basePath = await folderWith({ "appels.csv": SAMPLE_APPELS_CSV, "l.csv": `${lines.join("\n")}\n` });
    const pkg: Package = { resources: [{ name: "appels", path: "appels.csv", schema: SAMPLE_APPELS_SCHEMA }, { name: "l", path: "l.csv", schema }] };
    const run = async (more: ValidateOptions): Promise<ReportTask> => stripTimings(await validatePackage(pkg, { checks: sampleChecks, limitErrors: 0, basePath, parallel: false, ...more })).tasks[1] as ReportTask;
    const spans = await run({});
    expect(spans.errors.some((error) => error.type === "check-error")).toBe(true);
    expect(spans.errors.some((error) => error.type === "decision-avant-ouverture")).toBe(true);
    expect(spans).toEqual(await run({ spans: false }));
    expect(await readsSpans(pkg.resources[1] as Resource, basePath)).toBe(true);
  });
});
