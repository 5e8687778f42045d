import { describe, expect, it } from "vitest";
import type { Dialect } from "../descriptor/types.ts";
import { CsvProblem } from "./csv-guard.ts";
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

  it("cuts the same records however the text is pushed, in every dialect (a cell or a record cut between two pushes waits for the rest)", () => {
    // Synthetic texts from the characters that matter to the tokenizer, drawn from a fixed seed.
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pieces = ["a", "é", ",", ";", "|", '"', "'", "\n", "\r", "\r\n", "\\", " "];
    const dialects: (Dialect | undefined)[] = [undefined, { delimiter: "||" }, { escapeChar: "\\", doubleQuote: false }, { skipInitialSpace: true }, { lineTerminator: "|" }, { lineTerminator: "\r\n" }, { quoteChar: "'" }];
    let compared = 0;
    for (let k = 0; k < 400; k++) {
      const text = Array.from({ length: next(40) }, () => pieces[next(pieces.length)]).join("");
      const dialect = dialects[k % dialects.length];
      let whole: string[][];
      try {
        whole = parse(text, dialect);
      } catch {
        continue; // a quote that never closes: the hostile-text tests below
      }
      for (const step of [1, 2, 3]) expect(parse(text, dialect, step), JSON.stringify({ text, dialect, step })).toEqual(whole);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("finishes a record cut between two pushes from the next text, also when a quoted line break or a split CRLF follows the cut", () => {
    const text = 'id,t,n\r\n1,"a\nb",c\r\n2,d,"e\r\nf"\r\n3,,\r\n';
    const expected = [["id", "t", "n"], ["1", "a\nb", "c"], ["2", "d", "e\r\nf"], ["3", "", ""]];
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new CsvParser(csvSyntax(undefined, "csv"));
      const out: string[][] = [];
      parser.push(text.slice(0, cut), out);
      parser.push(text.slice(cut), out);
      parser.end(out);
      expect(out, `cut at ${cut}`).toEqual(expected);
    }
  });

  it("rejects an empty delimiter", () => {
    expect(() => new CsvParser(csvSyntax({ delimiter: "" }, "csv"))).toThrow(/delimiter/);
  });
});

describe("CsvParser on hostile text", () => {
  const problem = (text: string, limits = { maxColumns: 1000, maxCellChars: 1000 }, step = 64): { problem: CsvProblem; records: string[][] } => {
    const parser = new CsvParser(csvSyntax(undefined, "csv"), limits);
    const out: string[][] = [];
    try {
      for (let k = 0; k < text.length; k += step) parser.push(text.slice(k, k + step), out);
      parser.end(out);
    } catch (cause) {
      if (cause instanceof CsvProblem) return { problem: cause, records: out };
      throw cause;
    }
    throw new Error("no problem found");
  };

  it("a quote that never closes is a problem at the record where it opened, after the records before it", () => {
    const { problem: found, records } = problem('id,nom\n1,a\n2,"jamais fermé\n3,c\n4,d\n');
    expect(found).toMatchObject({ kind: "unclosed-quote", record: 2, field: 2 });
    expect(records).toEqual([["id", "nom"], ["1", "a"]]);
  });

  it("a quoted cell past the cell limit is scanned, not kept: it is too large when its quote closes, unclosed when it never does", () => {
    const long = "x\n".repeat(5000);
    expect(problem(`id,nom\n1,"${long}",fin\n2,b\n`).problem).toMatchObject({ kind: "cell-too-large", record: 1, field: 2 });
    expect(problem(`id,nom\n1,"${long}`).problem).toMatchObject({ kind: "unclosed-quote", record: 1, field: 2 });
    // A doubled quote inside the long cell does not close it.
    expect(problem(`id,nom\n1,"${long}""${long}`).problem).toMatchObject({ kind: "unclosed-quote", record: 1 });
  });

  it("a quoted cell that outgrows the cell limit on the first line of the next push is scanned from there", () => {
    const parser = new CsvParser(csvSyntax(undefined, "csv"), { maxColumns: 1000, maxCellChars: 1000 });
    const out: string[][] = [];
    parser.push("id,nom\n1,", out);
    expect(() => parser.push(`"${"x".repeat(2000)}\n${"y".repeat(10)}",fin\n2,b\n`, out)).toThrow(expect.objectContaining({ kind: "cell-too-large", record: 1, field: 2 }));
    expect(out).toEqual([["id", "nom"]]);
  });

  it("a line without end or with too many cells stops at the limits", () => {
    expect(problem(`id\n${"x".repeat(5000)}`).problem).toMatchObject({ kind: "cell-too-large", record: 1, field: 1 });
    expect(problem(`id\n${",".repeat(5000)}`).problem).toMatchObject({ kind: "too-many-columns", record: 1 });
    expect(problem(`id\n${",".repeat(5000)}\n`, undefined, 100_000).problem).toMatchObject({ kind: "too-many-columns", record: 1, field: 1001 });
    expect(problem(`a,b\n1,${"y".repeat(2000)}\n`, undefined, 100_000).problem).toMatchObject({ kind: "cell-too-large", record: 1, field: 2 });
  });

  it("parses a record that grows over many pushes in linear time: 8 MB pushed by 64 kB", () => {
    // Parsed again at every push, the 8 MB quoted cell took 128 parses of up to 8 MB each.
    const cell = "é".repeat(8 << 20);
    const records = parse(`id,texte\n1,"${cell}"\n`, undefined, 1 << 16);
    expect(records[1]?.[1]).toHaveLength(8 << 20);
  });
});
