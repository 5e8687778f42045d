import { describe, expect, it } from "vitest";
import { csvTexts } from "../../../fakes/fixtures/csv-texts.ts";
import type { Dialect } from "../descriptor/types.ts";
import { CsvProblem } from "./csv-guard.ts";
import { CsvParser, csvSyntax, type CsvSyntax } from "./csv-parser.ts";

/**
 * The tokenizer cuts cells natively (`indexOf` + `slice`) wherever it can and goes character by
 * character only where it must. This reference reads every character, one state at a time, with
 * the rules the tokenizer documents (Python's csv module, an empty line as one empty cell, a
 * quote that never closes as a problem): both must cut the same records from any text.
 */
function reference(s: string, syntax: CsvSyntax): string[][] | "unclosed-quote" {
  const { delimiter, quoteChar, doubleQuote, escapeChar, lineTerminator, skipInitialSpace } = syntax;
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let i = 0;
  let startOfCell = true;
  const terminatorAt = (k: number): number => {
    if (lineTerminator !== undefined) return s.startsWith(lineTerminator, k) ? lineTerminator.length : 0;
    if (s[k] === "\n") return 1;
    if (s[k] === "\r" && (s[k + 1] === "\n" || k + 1 === s.length)) return k + 1 === s.length ? 1 : 2;
    return 0;
  };
  while (i < s.length) {
    if (startOfCell) {
      if (skipInitialSpace) while (s[i] === " ") i++;
      startOfCell = false;
      if (quoteChar !== undefined && s[i] === quoteChar) {
        for (i++; ; ) {
          if (i >= s.length) return "unclosed-quote";
          if (escapeChar !== undefined && s[i] === escapeChar) {
            // An escape character that ends the file ends the cell with it.
            if (i + 1 === s.length) {
              i = s.length;
              break;
            }
            cell += s[i + 1];
            i += 2;
          } else if (s[i] === quoteChar && doubleQuote && s[i + 1] === quoteChar) {
            cell += quoteChar;
            i += 2;
          } else if (s[i] === quoteChar) {
            i++;
            break;
          } else cell += s[i++];
        }
        continue;
      }
    }
    if (i >= s.length) break;
    const ends = terminatorAt(i);
    if (s.startsWith(delimiter, i)) {
      [cells, cell, startOfCell, i] = [[...cells, cell], "", true, i + delimiter.length];
    } else if (ends > 0) {
      records.push([...cells, cell]);
      [cells, cell, startOfCell, i] = [[], "", true, i + ends];
    } else if (escapeChar !== undefined && s[i] === escapeChar) {
      cell += s[i + 1] ?? "";
      i += 2;
    } else cell += s[i++];
  }
  if (!startOfCell || cells.length > 0) records.push([...cells, cell]);
  return records;
}

function parse(text: string, syntax: CsvSyntax, step: number): string[][] | "unclosed-quote" {
  const parser = new CsvParser(syntax);
  const out: string[][] = [];
  try {
    for (let k = 0; k < text.length; k += step) parser.push(text.slice(k, k + step), out);
    parser.end(out);
  } catch (cause) {
    if (cause instanceof CsvProblem && cause.kind === "unclosed-quote") return "unclosed-quote";
    throw cause;
  }
  return out;
}

describe("CsvParser against a character-level reference", () => {
  const dialects: Dialect[] = [
    {},
    { delimiter: ";" },
    { delimiter: "||" },
    { quoteChar: "'" },
    { doubleQuote: false },
    { escapeChar: "\\", doubleQuote: false },
    { escapeChar: "\\" },
    { skipInitialSpace: true },
    { lineTerminator: "|" },
    { lineTerminator: "\r" },
  ];
  it("cuts the same records from 3,000 texts in ten dialects, pushed whole or in pieces", () => {
    const counts = { records: 0, unclosed: 0 };
    const { texts } = csvTexts(3000, 11);
    for (const [k, text] of texts.entries()) {
      const dialect = dialects[k % dialects.length];
      const syntax = csvSyntax(dialect, "csv");
      const expected = reference(text, syntax);
      for (const step of [text.length || 1, 1, 5]) expect(parse(text, syntax, step), JSON.stringify({ text, dialect, step })).toEqual(expected);
      if (expected === "unclosed-quote") counts.unclosed++;
      else counts.records += expected.length;
    }
    // Both outcomes are exercised, many times.
    expect(counts.unclosed).toBeGreaterThan(300);
    expect(counts.records).toBeGreaterThan(5000);
  });

  it("agrees with the reference on the lines the fast paths cut", () => {
    const syntax = csvSyntax(undefined, "csv");
    const texts = [
      'l-1,,"a, b",,x,\n',
      'a,"b",c\r\na,"b",\r\n',
      '"q",24" écran,x\n',
      '1,"a\nb",c,d\n2,e,f,g\n',
      '"a"b,c\n',
      ',,""\n,\n',
    ];
    for (const text of texts) expect(parse(text, syntax, text.length), JSON.stringify(text)).toEqual(reference(text, syntax));
    expect(parse('l-1,,"a, b",,x,\n', syntax, 100)).toEqual([["l-1", "", "a, b", "", "x", ""]]);
    expect(parse('"q",24" écran,x\r\n', syntax, 100)).toEqual([["q", '24" écran', "x"]]);
    expect(parse('"a",x\\,y,z\n', csvSyntax({ escapeChar: "\\" }, "csv"), 100)).toEqual([["a", "x,y", "z"]]);
    expect(parse('"a",  b,  "c"\n', csvSyntax({ skipInitialSpace: true }, "csv"), 100)).toEqual([["a", "b", "c"]]);
  });
});
