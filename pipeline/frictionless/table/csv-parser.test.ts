import { describe, expect, it } from "vitest";
import type { Dialect } from "../descriptor/types.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";

/** Parses `text` pushed in pieces of `step` characters (1 = every chunk boundary is tried). */
function parse(text: string, dialect?: Dialect, step = text.length || 1, format: "csv" | "tsv" = "csv"): string[][] {
  const parser = new CsvParser(csvSyntax(dialect, format));
  const out: string[][] = [];
  for (let k = 0; k < text.length; k += step) parser.push(text.slice(k, k + step), out);
  parser.end(out);
  return out;
}

const SAMPLE = 'id,titre,montant\r\nl-1,"Projet fictif A, ""phase 2""",1200.5\r\nl-2,"Sur deux\nlignes",\r\n';

describe("CsvParser", () => {
  it("reads quoted cells with delimiters, doubled quotes and line breaks, whatever the chunking", () => {
    const expected = [
      ["id", "titre", "montant"],
      ["l-1", 'Projet fictif A, "phase 2"', "1200.5"],
      ["l-2", "Sur deux\nlignes", ""],
    ];
    for (const step of [1, 2, 3, 7, 1000]) expect(parse(SAMPLE, undefined, step)).toEqual(expected);
  });

  it("keeps a last record without line terminator, and no record for the final newline", () => {
    expect(parse("a,b\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
    expect(parse("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("reads an empty line as one empty cell (a blank row for the validator)", () => {
    expect(parse("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
  });

  it("uses the dialect's delimiter, quote character and TSV's tab", () => {
    expect(parse("siren;nom\n999000001;'Porteur; fictif'\n", { delimiter: ";", quoteChar: "'" })).toEqual([
      ["siren", "nom"],
      ["999000001", "Porteur; fictif"],
    ]);
    expect(parse("a\tb\n1\t2\n", undefined, 100, "tsv")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("supports a delimiter of several characters", () => {
    expect(parse('a||b\n"x||y"||2\n', { delimiter: "||" }, 1)).toEqual([["a", "b"], ["x||y", "2"]]);
  });

  it("supports an escape character instead of doubled quotes", () => {
    expect(parse('a,b\n"dit \\"test\\"",x\\,y\n', { escapeChar: "\\", doubleQuote: false }, 1)).toEqual([
      ["a", "b"],
      ['dit "test"', "x,y"],
    ]);
  });

  it("with doubleQuote false and no escape, a quote ends the quoted part and the rest is kept (as Python's csv)", () => {
    expect(parse('a\n"x""y"\n', { doubleQuote: false })).toEqual([["a"], ['x"y"']]);
  });

  it("skips spaces after the delimiter with skipInitialSpace", () => {
    expect(parse('a, b, "c, d"\n', { skipInitialSpace: true })).toEqual([["a", "b", "c, d"]]);
    expect(parse("a, b\n")).toEqual([["a", " b"]]);
  });

  it("honours a custom line terminator", () => {
    expect(parse("a,b|1,2|", { lineTerminator: "|" }, 1)).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("takes a quote inside an unquoted cell literally", () => {
    expect(parse('titre\nÉcran 24" fictif\n')).toEqual([["titre"], ['Écran 24" fictif']]);
  });

  it("rejects an empty delimiter", () => {
    expect(() => new CsvParser(csvSyntax({ delimiter: "" }, "csv"))).toThrow(/delimiter/);
  });
});
