import { describe, expect, it } from "vitest";
import { csvTexts } from "../../../../fakes/fixtures/csv-texts.ts";
import type { Dialect } from "../../descriptor/types.ts";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "../../table/limits.ts";
import { recordTexts, type SpanBatch } from "../../table/span-batch.ts";
import type { SourceRow } from "../../table/types.ts";
import { chunkTokenizer, readChunk, readChunkSpans, type ChunkBytes, type ChunkEnd, type ChunkFormat } from "./read-chunk.ts";

const utf8 = new TextEncoder();
const SETTLED: Dialect = { delimiter: ",", quoteChar: '"', skipInitialSpace: false };

async function stringRead(chunk: ChunkBytes, format: ChunkFormat): Promise<{ rows: SourceRow[]; end: ChunkEnd }> {
  const end: ChunkEnd = { records: -1, unfinishedBytes: -1 };
  const rows: SourceRow[] = [];
  for await (const batch of readChunk(chunk, format, end)) rows.push(...batch);
  return { rows, end };
}

/** The rows of `readChunkSpans`, as rows, and how many came as span batches; each batch is read before the tokenizer's next cut. */
async function spanRead(chunk: ChunkBytes, format: ChunkFormat, tokenizer = chunkTokenizer(format)): Promise<{ rows: SourceRow[]; end: ChunkEnd; spanBatches: number }> {
  const end: ChunkEnd = { records: -1, unfinishedBytes: -1 };
  const rows: SourceRow[] = [];
  let spanBatches = 0;
  for await (const batch of readChunkSpans(chunk, format, end, tokenizer)) {
    if (Array.isArray(batch)) {
      rows.push(...batch);
      continue;
    }
    spanBatches++;
    const spans = batch as SpanBatch;
    for (let r = 0; r < spans.count; r++) rows.push({ rowNumber: spans.firstRowNumber + r, cells: recordTexts(spans, r) });
  }
  return { rows, end, spanBatches };
}

/** `bytes` cut after line feeds drawn by `next`, as the chunk plan cuts a file. */
function chunksOf(bytes: Uint8Array, next: (n: number) => number, size = 40): ChunkBytes[] {
  const chunks: ChunkBytes[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start + next(size));
    end = end === -1 ? bytes.length : end + 1;
    chunks.push({ bytes: bytes.subarray(start, end), first: start === 0, last: end === bytes.length });
    start = end;
  }
  return chunks;
}

describe("readChunkSpans", () => {
  const pieces = ["a", "bc", "é", "€", ",", ",", ";", '"', '"', '""', "\n", "\n", "\r", "\r\n", " ", '"x, y"', ',"",', '"a\nb"', "#"];
  const formats: { dialect: Dialect; limits?: Partial<ReadLimits>; encoding?: string }[] = [
    { dialect: SETTLED },
    { dialect: { ...SETTLED, delimiter: ";" } },
    { dialect: { ...SETTLED, header: false } },
    { dialect: SETTLED, limits: { maxColumns: 4, maxCellChars: 6 } },
    { dialect: { ...SETTLED, nullSequence: "a" } },
    { dialect: { ...SETTLED, commentChar: "#" } },
    { dialect: { ...SETTLED, header: false }, encoding: "windows-1252" },
    { dialect: { delimiter: "," } },
  ];

  it("reads every chunk of 1,500 generated files as readChunk does: rows, row numbers, cells, records, unfinished bytes, problems, bad bytes", async () => {
    const { texts, next } = csvTexts(1500, 5, 80, pieces);
    const seen = { spanRows: 0, stringChunks: 0, problems: 0, badBytes: 0, unfinished: 0 };
    const settings = formats.map(({ dialect, limits, encoding }): ChunkFormat => ({ format: "csv", encoding, dialect, limits: { ...DEFAULT_READ_LIMITS, ...limits } }));
    // One tokenizer per format cuts all its chunks, as a worker thread does.
    const tokenizers = settings.map(chunkTokenizer);
    for (const [k, text] of texts.entries()) {
      const { dialect, limits, encoding } = formats[k % formats.length] as (typeof formats)[number];
      const format = settings[k % formats.length] as ChunkFormat;
      let bytes = utf8.encode(text);
      // A BOM, and bytes that are not UTF-8, now and then.
      if (k % 7 === 0) bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
      if (k % 11 === 0 && bytes.length > 0) bytes[next(bytes.length)] = 0xff;
      for (const chunk of chunksOf(bytes, next)) {
        const expected = await stringRead(chunk, format);
        const got = await spanRead(chunk, format, tokenizers[k % formats.length]);
        const where = JSON.stringify({ text: new TextDecoder().decode(chunk.bytes), first: chunk.first, last: chunk.last, dialect, limits, encoding });
        expect(got.rows, where).toEqual(expected.rows);
        expect(got.end, where).toEqual(expected.end);
        if (got.spanBatches > 0) seen.spanRows += got.rows.length;
        else seen.stringChunks++;
        if (expected.end.problem) seen.problems++;
        if (expected.end.badByteOffset !== undefined) seen.badBytes++;
        if (expected.end.unfinishedBytes > 0) seen.unfinished++;
      }
    }
    expect(seen.spanRows).toBeGreaterThan(2000);
    expect(seen.stringChunks).toBeGreaterThan(500);
    expect(seen.problems).toBeGreaterThan(100);
    expect(seen.badBytes).toBeGreaterThan(50);
    expect(seen.unfinished).toBeGreaterThan(100);
  });

  it("reads chunks longer than the pieces the string tokenizer decodes at a time as readChunk does, to their last record", async () => {
    const { texts, next } = csvTexts(12000, 3, 80, pieces);
    const bytes = utf8.encode(texts.join("\n"));
    const format: ChunkFormat = { format: "csv", encoding: undefined, dialect: SETTLED, limits: DEFAULT_READ_LIMITS };
    const chunks = chunksOf(bytes, next, 300 * 1024);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const expected = await stringRead(chunk, format);
      const got = await spanRead(chunk, format);
      expect(got.spanBatches).toBe(1);
      expect(got.rows).toEqual(expected.rows);
      expect(got.end).toEqual(expected.end);
    }
    // A chunk that ends with a complete record leaves nothing to the next one, even when its last
    // 64 KB piece is shorter than the record the piece before it cut: 50 + 655 × 100 bytes.
    const plain = utf8.encode(`id,${"n".repeat(46)}\n` + `1,${"x".repeat(97)}\n`.repeat(655));
    for (const read of [stringRead, spanRead]) {
      const whole = await read({ bytes: plain, first: true, last: false }, format);
      expect(whole.end).toEqual({ records: 656, unfinishedBytes: 0 });
      expect(whole.rows).toHaveLength(655);
    }
  });

  it("gives a chunk of plain rows as one span batch numbered after the header, and a chunk whose quote never closes to the string tokenizer", async () => {
    const format: ChunkFormat = { format: "csv", encoding: undefined, dialect: SETTLED, limits: DEFAULT_READ_LIMITS };
    const end: ChunkEnd = { records: 0, unfinishedBytes: 0 };
    const batches = [];
    for await (const batch of readChunkSpans({ bytes: utf8.encode('id,name\n1,"a""b"\n2,é\n3,"open\n'), first: true, last: false }, format, end, chunkTokenizer(format))) batches.push(batch);
    expect(batches).toHaveLength(1);
    const batch = batches[0] as SpanBatch;
    expect([batch.firstRowNumber, batch.count]).toEqual([2, 2]);
    expect([recordTexts(batch, 0), recordTexts(batch, 1)]).toEqual([["1", 'a"b'], ["2", "é"]]);
    expect(end).toEqual({ records: 3, unfinishedBytes: '3,"open\n'.length });

    const last: ChunkEnd = { records: 0, unfinishedBytes: 0 };
    const rows = [];
    for await (const batch of readChunkSpans({ bytes: utf8.encode('4,x\n5,"open\n'), first: false, last: true }, format, last, chunkTokenizer(format))) rows.push(batch);
    expect(rows).toEqual([[{ rowNumber: 1, cells: ["4", "x"] }]]);
    expect(last).toEqual({ records: 1, unfinishedBytes: 0, problem: { kind: "unclosed-quote", field: 2 } });
  });
});
