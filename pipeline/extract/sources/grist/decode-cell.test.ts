import { describe, expect, it } from "vitest";
import { decodeCell, referencedTable } from "./decode-cell.ts";

describe("decodeCell", () => {
  it("turns Date epoch seconds into ISO dates and DateTime into ISO 8601 instants", () => {
    expect(decodeCell(1772323200, "Date")).toEqual({ value: "2026-03-01" });
    expect(decodeCell(1772359200, "DateTime:Europe/Paris")).toEqual({ value: "2026-03-01T10:00:00Z" });
    expect(decodeCell(null, "Date")).toEqual({ value: null });
  });

  it("unwraps lists: ChoiceList, RefList and Attachments", () => {
    expect(decodeCell(["L", "Données", "Numérique"], "ChoiceList")).toEqual({ value: ["Données", "Numérique"] });
    expect(decodeCell(["L", 2, 3], "RefList:Porteurs")).toEqual({ value: [2, 3] });
    expect(decodeCell(null, "ChoiceList")).toEqual({ value: null });
  });

  it("makes an empty reference null and keeps other values as they are", () => {
    expect(decodeCell(0, "Ref:Porteurs")).toEqual({ value: null });
    expect(decodeCell(4, "Ref:Porteurs")).toEqual({ value: 4 });
    expect(decodeCell(0, "Numeric")).toEqual({ value: 0 });
    expect(decodeCell("texte", "Text")).toEqual({ value: "texte" });
    expect(decodeCell("pas une date", "Date")).toEqual({ value: "pas une date" });
  });

  it("gives no value, and says why, for formula errors and hidden cells", () => {
    expect(decodeCell(["E", "ZeroDivisionError"], "Numeric")).toEqual({ value: null, problem: "formula error ZeroDivisionError" });
    expect(decodeCell(["C"], "Text")).toEqual({ value: null, problem: "value hidden by the document's access rules" });
  });

  it("decodes typed values stored in Any columns", () => {
    expect(decodeCell(["d", 1772323200], "Any")).toEqual({ value: "2026-03-01" });
    expect(decodeCell(["R", "Porteurs", 7], "Any")).toEqual({ value: 7 });
  });

  it("names the table a reference column points to", () => {
    expect(referencedTable("Ref:Porteurs")).toBe("Porteurs");
    expect(referencedTable("RefList:Porteurs")).toBe("Porteurs");
    expect(referencedTable("Text")).toBeUndefined();
  });
});
