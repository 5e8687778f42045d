import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sniffCsv, sniffSample, withSniffed } from "./sniff.ts";

describe("sniffCsv (what frictionless-py's csv.Sniffer guesses)", () => {
  it("finds the delimiter that occurs regularly on every line", () => {
    expect(sniffCsv("id;nom\n1;Projet fictif A, lot 1\n2;Projet fictif B\n").delimiter).toBe(";");
    expect(sniffCsv("id\tnom\n1\tProjet fictif A\n").delimiter).toBe("\t");
    expect(sniffCsv("id|nom\n1|Projet fictif A\n").delimiter).toBe("|");
    // Semicolons in the text, but not on every line: the comma is the delimiter.
    expect(sniffCsv("id,nom\n1,a;b\n2,c;d;e\n3,f\n").delimiter).toBe(",");
  });

  it("reads the delimiter next to quoted cells first", () => {
    expect(sniffCsv('id;nom\n1;"Projet fictif A, lot 1, tranche 2"\n2;"Projet, fictif B"\n')).toEqual({ delimiter: ";", quoteChar: '"', skipInitialSpace: false });
    expect(sniffCsv("id,nom\n1,'Projet fictif A; lot 1'\n2,'Projet fictif B; lot 2'\n").quoteChar).toBe("'");
  });

  it("prefers the comma when several are as regular, and falls back to Python's default", () => {
    expect(sniffCsv("a,b;c\n1,2;3\n").delimiter).toBe(",");
    expect(sniffCsv("nom\nProjet fictif A\n")).toEqual({ delimiter: ",", quoteChar: '"', skipInitialSpace: false });
  });

  it("skips initial spaces when every delimiter of the first line is followed by one", () => {
    expect(sniffCsv("id, nom\n1, ouvert\n").skipInitialSpace).toBe(true);
    expect(sniffCsv("id,nom\n1, ouvert\n").skipInitialSpace).toBe(false);
  });

  it("samples the first 100 lines, and never overrides what the dialect declares", () => {
    const text = Array.from({ length: 150 }, (_, k) => `${k};x\n`).join("");
    expect(sniffSample(text).split("\n").length - 1).toBe(100);
    expect(withSniffed({ delimiter: ",", skipInitialSpace: false }, { delimiter: ";", quoteChar: "'", skipInitialSpace: true })).toEqual({
      delimiter: ",",
      quoteChar: "'",
      skipInitialSpace: false,
    });
  });

  it("answers as Python's csv.Sniffer on 300 generated samples (answers recorded from CPython)", () => {
    const { cases } = JSON.parse(readFileSync(new URL("./fixtures/python-sniffer.json", import.meta.url), "utf8")) as {
      cases: { sample: string; sniffed: ReturnType<typeof sniffCsv> }[];
    };
    expect(cases.filter(({ sample, sniffed }) => JSON.stringify(sniffCsv(sample)) !== JSON.stringify(sniffed))).toEqual([]);
  });
});
