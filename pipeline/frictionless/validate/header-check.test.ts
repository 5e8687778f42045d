import { describe, expect, it } from "vitest";
import { matchHeader } from "./header-check.ts";

const FIELDS = ["id", "siren", "montant"];
const types = (labels: string[], match?: Parameters<typeof matchHeader>[2]) =>
  matchHeader(labels, FIELDS, match).errors.map((e) => [e.type, e.props.fieldNumber, e.props.label ?? e.props.fieldName]);

describe("matchHeader", () => {
  it("exact (default): by position, one error per label", () => {
    expect(types(["id", "SIREN", "montant"])).toEqual([["incorrect-label", 2, "SIREN"]]);
    expect(types(["id", "siren"])).toEqual([["missing-label", 3, "montant"]]);
    expect(types(["id", "siren", "montant", "note"])).toEqual([["extra-label", 4, "note"]]);
    expect(matchHeader(["id", "siren", "montant"], FIELDS).columns).toEqual([0, 1, 2]);
  });

  it("flags blank and duplicate labels, and a blank header", () => {
    expect(types(["id", "", "id"])).toEqual([
      ["blank-label", 2, ""],
      ["duplicate-label", 3, "id"],
      ["incorrect-label", 3, "id"],
    ]);
    expect(matchHeader(["", " "], FIELDS).errors[0]?.type).toBe("blank-header");
    expect(types(["id", "siren", "montant", ""])).toEqual([["blank-label", 4, ""]]);
  });

  it("equal: same set of names in any order", () => {
    const match = matchHeader(["montant", "id", "siren"], FIELDS, "equal");
    expect(match.errors).toEqual([]);
    expect(match.columns).toEqual([1, 2, 0]);
    expect(types(["montant", "id", "note"], "equal")).toEqual([["missing-label", 2, "siren"], ["extra-label", 3, "note"]]);
  });

  it("subset: every schema field present, extra columns allowed", () => {
    expect(types(["note", "montant", "id", "siren"], "subset")).toEqual([]);
    expect(types(["id", "montant"], "subset")).toEqual([["missing-label", 2, "siren"]]);
  });

  it("superset: only schema fields, some may be absent", () => {
    expect(types(["montant"], "superset")).toEqual([]);
    expect(matchHeader(["montant"], FIELDS, "superset").columns).toEqual([-1, -1, 0]);
    expect(types(["montant", "note"], "superset")).toEqual([["extra-label", 2, "note"]]);
  });

  it("partial: at least one schema field", () => {
    expect(types(["note", "siren"], "partial")).toEqual([]);
    expect(matchHeader(["note"], FIELDS, "partial").errors.map((e) => e.type)).toEqual(["unmatched-header"]);
  });

  it("without a header, fields go by position", () => {
    expect(matchHeader([], FIELDS, "exact", false)).toMatchObject({ columns: [0, 1, 2], errors: [] });
  });
});
