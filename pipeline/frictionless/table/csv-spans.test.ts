import { describe, expect, it } from "vitest";
import { csvTexts } from "../../../fakes/fixtures/csv-texts.ts";
import { CsvProblem, type CsvLimits } from "./csv-guard.ts";
import { CsvParser, csvSyntax, type CsvSyntax } from "./csv-parser.ts";
import { SpanTokenizer, spanDelimiter, type SpanCut } from "./csv-spans.ts";
import { DEFAULT_READ_LIMITS } from "./limits.ts";
import { recordTexts, SPAN_ESCAPED, SPAN_NON_ASCII, SPAN_QUOTED, type SpanBatch } from "./span-batch.ts";

const utf8 = new TextEncoder();

/** What the string tokenizer makes of `text`: its records and the unfinished text's bytes, or the problem that stops it. */
function stringCut(text: string, syntax: CsvSyntax, final: boolean, limits: CsvLimits): { records: string[][]; unfinishedBytes: number } | string {
  const parser = new CsvParser(syntax, limits, !final);
  const records: string[][] = [];
  try {
    parser.push(text, records);
    if (final) parser.end(records);
  } catch (cause) {
    if (cause instanceof CsvProblem) return cause.kind;
    throw cause;
  }
  return { records, unfinishedBytes: final ? 0 : utf8.encode(parser.unfinished).length };
}

function spanCut(text: string, syntax: CsvSyntax, final: boolean, limits: CsvLimits): { records: string[][]; unfinishedBytes: number } | undefined {
  const bytes = utf8.encode(text);
  const cut = new SpanTokenizer(syntax, limits).cut(bytes, 0, final, 1);
  if (cut === undefined) return undefined;
  return { records: allTexts(cut.batch), unfinishedBytes: bytes.length - cut.end };
}

/** Everything a reader of the cut may read: the arrays up to the batch's last cell, its texts, where it ends. */
function shape({ batch, end }: SpanCut) {
  const cells = batch.cellsFrom[batch.count] as number;
  return {
    end,
    count: batch.count,
    firstRowNumber: batch.firstRowNumber,
    cellsFrom: Array.from(batch.cellsFrom.subarray(0, batch.count + 1)),
    starts: Array.from(batch.starts.subarray(0, cells)),
    ends: Array.from(batch.ends.subarray(0, cells)),
    flags: Array.from(batch.flags.subarray(0, cells)),
    texts: batch.texts === undefined ? undefined : [...batch.texts],
    records: allTexts(batch),
  };
}

function allTexts(batch: SpanBatch): string[][] {
  return Array.from({ length: batch.count }, (_, r) => recordTexts(batch, r));
}

describe("SpanTokenizer against the string tokenizer", () => {
  const dialects = [{}, { delimiter: ";" }, { delimiter: "|" }, { delimiter: "\t" }];
  const pieces = ["a", "bc", "é", "€", "𝄞", ",", ",", ";", "|", "\t", '"', '"', '""', "\n", "\n", "\r", "\r\n", " ", '"x, y"', ',"",', '"a\nb"'];

  it("gives the same records, cell texts and unfinished bytes for 6,000 texts, at the end of a file or not", () => {
    const { texts } = csvTexts(6000, 7, 60, pieces);
    const seen = { records: 0, odd: 0, stringOnly: 0, unfinished: 0 };
    for (const [k, text] of texts.entries()) {
      const syntax = csvSyntax(dialects[k % dialects.length], "csv");
      for (const final of [true, false]) {
        const expected = stringCut(text, syntax, final, DEFAULT_READ_LIMITS);
        const got = spanCut(text, syntax, final, DEFAULT_READ_LIMITS);
        const where = JSON.stringify({ text, syntax, final });
        // Spans give up only where the string tokenizer stops with a problem, and then always.
        if (got === undefined || typeof expected === "string") {
          expect(typeof expected, where).toBe("string");
          expect(got, where).toBeUndefined();
          seen.stringOnly++;
          continue;
        }
        expect(got, where).toEqual(expected);
        seen.records += got.records.length;
        if (expected.unfinishedBytes > 0) seen.unfinished++;
      }
      const batch = new SpanTokenizer(syntax, DEFAULT_READ_LIMITS).cut(utf8.encode(text), 0, true, 1)?.batch;
      seen.odd += batch?.texts?.size ?? 0;
    }
    // Every path is taken many times.
    expect(seen.records).toBeGreaterThan(20000);
    expect(seen.odd).toBeGreaterThan(500);
    expect(seen.stringOnly).toBeGreaterThan(500);
    expect(seen.unfinished).toBeGreaterThan(1000);
  });

  it("gives, cutting text after text with one tokenizer, the batches a fresh tokenizer gives each text", () => {
    const { texts } = csvTexts(3000, 11, 60, pieces);
    // Texts of many cells now and then: the arrays grow, then serve shorter texts again.
    const wide = `${",".repeat(999)}\n`.repeat(30);
    const all = texts.flatMap((text, k) => (k % 500 === 0 ? [wide, text] : [text]));
    const shared = dialects.map((dialect) => new SpanTokenizer(csvSyntax(dialect, "csv"), DEFAULT_READ_LIMITS));
    let compared = 0;
    for (const [k, text] of all.entries()) {
      const syntax = csvSyntax(dialects[k % dialects.length], "csv");
      const bytes = utf8.encode(text);
      const final = k % 3 !== 0;
      const fresh = new SpanTokenizer(syntax, DEFAULT_READ_LIMITS).cut(bytes, 0, final, 1 + k);
      const reused = (shared[k % dialects.length] as SpanTokenizer).cut(bytes, 0, final, 1 + k);
      expect(reused && shape(reused), JSON.stringify({ text, final })).toEqual(fresh && shape(fresh));
      if (fresh) compared += fresh.batch.count;
    }
    expect(compared).toBeGreaterThan(10000);
  });

  it("gives the string tokenizer's records for a text cut in two at every offset, the second cut resuming where the first ended, at any alignment", () => {
    // Mostly plain cells, some long enough to cross 4- and 8-byte boundaries; then what else a cell can hold or end with.
    const runs = ["abcdefghijklm", "0123456", "x", "yz", "é", "€", "𝄞", ",", ",", ",", ",", "\n", "\n", "\r\n", "\r\n", "\r", '"x, y"', '"a\nb"', '"q""q"', '"q"z', '"'];
    const { texts, next } = csvTexts(250, 23, 40, runs);
    let compared = 0;
    for (const [k, text] of texts.entries()) {
      const syntax = csvSyntax(dialects[k % dialects.length], "csv");
      const whole = stringCut(text, syntax, true, DEFAULT_READ_LIMITS);
      if (typeof whole === "string") continue;
      const encoded = utf8.encode(text);
      // Placed at an offset that varies, between bytes a tokenizer must not read: delimiters, quotes, line feeds.
      const pad = next(8);
      const room = new Uint8Array(pad + encoded.length + 8).fill(k % 2 ? 0x2c : 0x0a);
      room.set(encoded, pad);
      const bytes = room.subarray(pad, pad + encoded.length);
      const tokenizer = new SpanTokenizer(syntax, DEFAULT_READ_LIMITS);
      for (let at = 0; at <= bytes.length; at++) {
        // A chunk ends between characters (the reader cuts after a line feed).
        if (at < bytes.length && ((bytes[at] as number) & 0xc0) === 0x80) continue;
        const first = tokenizer.cut(bytes.subarray(0, at), 0, false, 1);
        if (first === undefined) continue;
        const records = allTexts(first.batch);
        const rest = tokenizer.cut(bytes, first.end, true, 1);
        const where = JSON.stringify({ text, syntax, at, pad });
        expect(rest, where).toBeDefined();
        expect([...records, ...allTexts((rest as SpanCut).batch)], where).toEqual(whole.records);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });

  it("leaves to the string tokenizer any text holding a record longer than a cell may be, or with more cells than a row may have", () => {
    const syntax = csvSyntax(undefined, "csv");
    const limits = { maxColumns: 3, maxCellChars: 8 };
    expect(spanCut("a,b,c\nd,e\n", syntax, true, limits)?.records).toEqual([["a", "b", "c"], ["d", "e"]]);
    expect(spanCut("a,b,c,d\n", syntax, true, limits)).toBeUndefined();
    expect(stringCut("a,b,c,d\n", syntax, true, limits)).toBe("too-many-columns");
    expect(spanCut("abcd,efghi\n", syntax, true, limits)).toBeUndefined();
    // The record is longer than a cell may be, yet none of its cells is: the string tokenizer says so.
    expect(stringCut("abcd,efghi\n", syntax, true, limits)).toEqual({ records: [["abcd", "efghi"]], unfinishedBytes: 0 });
  });

  it("flags quoted, escaped and non-ASCII cells, and points into the bytes from where it was asked to start", () => {
    const bytes = utf8.encode('skip\n"a""b",é,"c"\r\nx,,""\n"open');
    const cut = new SpanTokenizer(csvSyntax(undefined, "csv"), DEFAULT_READ_LIMITS).cut(bytes, 5, false, 4);
    const batch = cut?.batch as SpanBatch;
    expect(batch.count).toBe(2);
    expect(batch.firstRowNumber).toBe(4);
    expect(Array.from(batch.flags.subarray(0, 6))).toEqual([SPAN_QUOTED | SPAN_ESCAPED, SPAN_NON_ASCII, SPAN_QUOTED, 0, 0, SPAN_QUOTED]);
    expect(allTexts(batch)).toEqual([['a"b', "é", "c"], ["x", "", ""]]);
    // The same cells read from a Buffer over those bytes.
    expect(allTexts({ ...batch, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).toEqual(allTexts(batch));
    expect(cut?.end).toBe(bytes.length - '"open'.length);
  });

  it("grows its arrays for records of many short cells", () => {
    const text = `${",".repeat(999)}\n`.repeat(3) + "x\n".repeat(2000);
    const got = spanCut(text, csvSyntax(undefined, "csv"), true, DEFAULT_READ_LIMITS);
    expect(got).toEqual(stringCut(text, csvSyntax(undefined, "csv"), true, DEFAULT_READ_LIMITS));
    expect(got?.records).toHaveLength(2003);
  });

  it("cuts only the dialects whose cells it can find byte by byte", () => {
    expect(spanDelimiter(csvSyntax(undefined, "csv"))).toBe(44);
    expect(spanDelimiter(csvSyntax(undefined, "tsv"))).toBe(9);
    for (const dialect of [{ delimiter: "||" }, { delimiter: "§" }, { quoteChar: "'" }, { doubleQuote: false }, { escapeChar: "\\" }, { skipInitialSpace: true }, { lineTerminator: "|" }, { quoteChar: "" }]) {
      expect(spanDelimiter(csvSyntax(dialect, "csv")), JSON.stringify(dialect)).toBeUndefined();
    }
    expect(() => new SpanTokenizer(csvSyntax({ delimiter: "||" }, "csv"), DEFAULT_READ_LIMITS)).toThrow(RangeError);
  });
});
