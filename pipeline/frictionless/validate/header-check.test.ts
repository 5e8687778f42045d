import { describe, expect, it } from "vitest";
import { matchHeader } from "./header-check.ts";

const FIELDS = ["id", "siren", "montant"];
const types = (labels: string[], match?: Parameters<typeof matchHeader>[2], required?: Set<string>) =>
  matchHeader(labels, FIELDS, match, true, required).errors.map((e) => [e.type, e.props.fieldNumber, e.props.label ?? e.props.fieldName]);

describe("matchHeader", () => {
  it("exact (default): by position, one error per label", () => {
    expect(types(["id", "SIREN", "montant"])).toEqual([["incorrect-label", 2, "SIREN"]]);
    expect(types(["id", "siren"])).toEqual([["missing-label", 3, "montant"]]);
    expect(types(["id", "siren", "montant", "note", ""])).toEqual([["extra-label", 4, "note"], ["extra-label", 5, ""]]);
    expect(matchHeader(["id", "siren"], FIELDS)).toMatchObject({ columns: [0, 1, 2], width: 3 });
  });

  it("flags blank and duplicate labels (a duplicate is not also an incorrect label), and a header of blank labels", () => {
    expect(types(["id", "", "id"])).toEqual([
      ["blank-label", 2, ""],
      ["duplicate-label", 3, "id"],
    ]);
    expect(matchHeader(["id", "id", "id"], FIELDS).errors.at(-1)?.props.note).toBe('at position "1, 2"');
    // frictionless-py 5 has no blank-header for a row of empty labels: one blank-label each.
    expect(matchHeader(["", "", ""], FIELDS).errors.map((e) => [e.type, e.props.fieldNumber])).toEqual([
      ["blank-label", 1],
      ["blank-label", 2],
      ["blank-label", 3],
    ]);
    // An empty header row is no header at all: nothing to compare.
    expect(matchHeader([], FIELDS).errors).toEqual([]);
  });

  it("equal: same set of names in any order", () => {
    const match = matchHeader(["montant", "id", "siren"], FIELDS, "equal");
    expect(match.errors).toEqual([]);
    expect(match.columns).toEqual([1, 2, 0]);
    expect(types(["montant", "id", "note"], "equal")).toEqual([["extra-label", 3, "note"], ["missing-label", 4, "siren"]]);
  });

  it("subset: every schema field present, extra columns allowed", () => {
    expect(types(["note", "montant", "id", "siren"], "subset")).toEqual([]);
    expect(types(["id", "montant"], "subset")).toEqual([["missing-label", 3, "siren"]]);
  });

  it("superset: only schema fields, absent ones allowed unless required", () => {
    expect(types(["montant"], "superset")).toEqual([]);
    expect(matchHeader(["montant"], FIELDS, "superset").columns).toEqual([-1, -1, 0]);
    expect(types(["montant", "note"], "superset")).toEqual([["extra-label", 2, "note"]]);
    expect(types(["montant"], "superset", new Set(["id"]))).toEqual([["missing-label", 2, "id"]]);
  });

  it("partial: at least one schema field", () => {
    expect(types(["note", "siren"], "partial")).toEqual([]);
    expect(matchHeader(["note"], FIELDS, "partial").errors.map((e) => e.type)).toEqual(["unmatched-header"]);
  });

  it("without a header, fields go by position", () => {
    expect(matchHeader([], FIELDS, "exact", false)).toMatchObject({ columns: [0, 1, 2], errors: [] });
  });
});

describe("matchHeader on very wide headers", () => {
  it("is linear: 100,000 labels, a third of them repeats, are matched at once (it was quadratic: 100,000 never finished)", () => {
    const width = 100_000;
    const labels = Array.from({ length: width }, (_, k) => (k % 3 === 2 ? "répété" : `c${k}`));
    const names = labels.map((label, k) => (label === "répété" ? `répété${k}` : label));
    const { errors, columns } = matchHeader(labels, names);
    expect(columns).toHaveLength(width);
    const duplicates = errors.filter((error) => error.type === "duplicate-label");
    expect(duplicates).toHaveLength(33_332);
    expect(errors.filter((error) => error.type === "incorrect-label")).toHaveLength(1);
    // A label repeated 33,333 times: each note names at most the first 100 positions.
    expect(duplicates.at(-1)?.props.note).toMatch(/^at position "3, 6, 9, .*, 300, …"$/);
  });
});
