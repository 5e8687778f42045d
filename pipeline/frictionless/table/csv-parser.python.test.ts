import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CsvParser, csvSyntax } from "./csv-parser.ts";

/**
 * frictionless-py reads CSV with Python's csv module: our parser must cut the same records.
 * The one difference kept: an empty line is one empty cell here and no cell in Python; both
 * make a blank row.
 */
describe("CsvParser against Python's csv.reader", () => {
  it("cuts 300 generated texts into the records CPython gives (answers recorded from CPython)", () => {
    const { cases } = JSON.parse(readFileSync(new URL("./fixtures/python-csv.json", import.meta.url), "utf8")) as { cases: { text: string; records: string[][] }[] };
    const differing = cases.filter(({ text, records }) => {
      const parser = new CsvParser(csvSyntax(undefined, "csv"));
      const out: string[][] = [];
      parser.push(text, out);
      parser.end(out);
      const ours = out.map((record) => (record.length === 1 && record[0] === "" ? [] : record));
      return JSON.stringify(ours) !== JSON.stringify(records.map((record) => (record.length === 1 && record[0] === "" ? [] : record)));
    });
    expect(differing).toEqual([]);
  });
});
