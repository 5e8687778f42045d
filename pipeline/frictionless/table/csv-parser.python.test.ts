import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CsvProblem } from "./csv-guard.ts";
import { CsvParser, csvSyntax } from "./csv-parser.ts";

interface Case {
  text: string;
  records: string[][];
  endsInQuote?: boolean;
}

/**
 * frictionless-py reads CSV with Python's csv module: our parser must cut the same records.
 * The differences kept: an empty line is one empty cell here and no cell in Python (both make a
 * blank row); a text that ends inside a quoted cell is a `CsvProblem` here where Python keeps the
 * rest of the file as one cell (a stray quote would otherwise swallow a file silently).
 */
describe("CsvParser against Python's csv.reader", () => {
  const { cases } = JSON.parse(readFileSync(new URL("./fixtures/python-csv.json", import.meta.url), "utf8")) as { cases: Case[] };
  const read = (text: string): { records: string[][]; problem?: CsvProblem } => {
    const parser = new CsvParser(csvSyntax(undefined, "csv"));
    const out: string[][] = [];
    try {
      parser.push(text, out);
      parser.end(out);
    } catch (cause) {
      if (!(cause instanceof CsvProblem)) throw cause;
      return { records: out, problem: cause };
    }
    return { records: out };
  };
  const blankAsEmpty = (records: string[][]): string[][] => records.map((record) => (record.length === 1 && record[0] === "" ? [] : record));

  it("cuts 188 generated texts into the records CPython gives (answers recorded from CPython)", () => {
    const closed = cases.filter((c) => !c.endsInQuote);
    expect(closed).toHaveLength(188);
    const differing = closed.filter(({ text, records }) => {
      const ours = read(text);
      return ours.problem !== undefined || JSON.stringify(blankAsEmpty(ours.records)) !== JSON.stringify(blankAsEmpty(records));
    });
    expect(differing).toEqual([]);
  });

  it("stops at the quote that never closes, in the record where Python's last record starts, after the same records before it", () => {
    const open = cases.filter((c) => c.endsInQuote);
    expect(open).toHaveLength(112);
    const differing = open.filter(({ text, records }) => {
      const ours = read(text);
      const before = records.slice(0, -1);
      return ours.problem?.kind !== "unclosed-quote" || ours.problem.record !== before.length || JSON.stringify(blankAsEmpty(ours.records)) !== JSON.stringify(blankAsEmpty(before));
    });
    expect(differing).toEqual([]);
  });
});
