import { describe, expect, it } from "vitest";
import { createError, DescriptorError, ERROR_SPECS, errorMatches } from "./index.ts";

describe("createError", () => {
  it("renders a type-error the way frictionless-py does", () => {
    const error = createError("type-error", {
      note: 'type is "number/default"', cell: "abc", rowNumber: 5, fieldName: "montant", fieldNumber: 7,
    });
    expect(error).toMatchObject({
      type: "type-error",
      title: "Type Error",
      tags: ["#table", "#row", "#cell"],
      rowNumber: 5,
      fieldName: "montant",
      fieldNumber: 7,
      cell: "abc",
    });
    expect(error.message).toBe('Type error in the cell "abc" in row "5" and field "montant" at position "7": type is "number/default"');
  });

  it("renders label, row and file errors with their own locations", () => {
    expect(createError("missing-label", { fieldName: "siren", fieldNumber: 3 }).message)
      .toBe('There is a missing label in the header\'s field "siren" at position "3"');
    expect(createError("blank-row", { rowNumber: 9, cells: ["", ""] }).message).toBe('Row at position "9" is completely blank');
    expect(createError("primary-key", { rowNumber: 4, note: 'the same as in the row at position "2"' }).message)
      .toBe('Row at position "4" violates the primary key: the same as in the row at position "2"');
    expect(createError("hash-count", { note: "expected sha256 is 00, actual is ff" }).tags).toEqual(["#file"]);
  });

  it("keeps the constraint name on constraint errors", () => {
    const error = createError("constraint-error", {
      note: 'constraint "minimum" is "0"', constraint: "minimum", cell: "-5", rowNumber: 2, fieldName: "montant", fieldNumber: 4,
    });
    expect(error.constraint).toBe("minimum");
    expect(error.message).toContain('does not conform to a constraint: constraint "minimum" is "0"');
  });

  it("adds the JSON path to descriptor error messages", () => {
    const error = createError("field-error", { note: 'constraint "pattern" is not supported by type "integer"', jsonPath: "/fields/2/constraints/pattern" });
    expect(error.tags).toEqual([]);
    expect(error.message).toBe('Field is not valid: constraint "pattern" is not supported by type "integer" (at "/fields/2/constraints/pattern")');
  });

  it("accepts custom check types with their own title", () => {
    const cell = createError("french-siren-value", {
      title: "SIREN invalide", description: "La clé de Luhn du SIREN est fausse.", note: "clé de contrôle invalide",
      cell: "000000001", rowNumber: 3, fieldName: "siren", fieldNumber: 2,
    });
    expect(cell).toMatchObject({ title: "SIREN invalide", tags: ["#table", "#row", "#cell"] });
    expect(cell.message).toBe('The cell "000000001" in row at position "3" and field "siren" at position "2" has an error: clé de contrôle invalide');
    const row = createError("montant-coherent", { title: "Montant incohérent", note: "aide > coût", rowNumber: 6 });
    expect(row.tags).toEqual(["#table", "#row"]);
    expect(row.description).toBe("Montant incohérent");
  });

  it("catalogues every baseline, opt-in, reading and descriptor code", () => {
    const codes = [
      "hash-count", "byte-count", "field-count", "row-count", "blank-header", "unmatched-header", "extra-label",
      "missing-label", "blank-label", "duplicate-label", "incorrect-label", "blank-row", "primary-key", "foreign-key",
      "extra-cell", "missing-cell", "type-error", "constraint-error", "unique-error", "duplicate-row", "row-constraint",
      "deviated-value", "deviated-cell", "required-value", "table-dimensions", "truncated-value", "forbidden-value",
      "sequential-value", "ascii-value", "resource-error", "source-error", "scheme-error", "format-error",
      "encoding-error", "compression-error", "metadata-error", "package-error", "schema-error", "field-error",
      "dialect-error", "control-error", "checklist-error", "check-error", "detector-error", "inquiry-error",
      "inquiry-task-error", "pipeline-error", "step-error", "report-error", "report-task-error", "catalog-error",
      "dataset-error", "stats-error",
    ];
    for (const code of codes) {
      const spec = ERROR_SPECS.get(code);
      expect(spec, code).toBeDefined();
      expect(spec?.title.length, code).toBeGreaterThan(0);
      expect(spec?.description.length, code).toBeGreaterThan(0);
    }
  });
});

describe("errorMatches", () => {
  const typeError = createError("type-error", { rowNumber: 2, fieldName: "date_depot", fieldNumber: 1, cell: "hier" });
  const missingLabel = createError("missing-label", { fieldName: "siren", fieldNumber: 1 });

  it("selects by code, by tag and by family", () => {
    expect(errorMatches(typeError, "type-error")).toBe(true);
    expect(errorMatches(typeError, "constraint-error")).toBe(false);
    expect(errorMatches(typeError, "#row")).toBe(true);
    expect(errorMatches(missingLabel, "#row")).toBe(false);
    expect(errorMatches(missingLabel, "#header")).toBe(true);
    expect(errorMatches(typeError, "cell-error")).toBe(true);
    expect(errorMatches(missingLabel, "header-error")).toBe(true);
    expect(errorMatches(missingLabel, ["blank-row", "#label"])).toBe(true);
  });
});

describe("DescriptorError", () => {
  it("carries every error and the first one's code", () => {
    const errors = [
      createError("schema-error", { note: 'primary key field "id" is not in the schema', jsonPath: "/primaryKey/0" }),
      createError("field-error", { note: "bad", jsonPath: "/fields/0" }),
    ];
    const thrown = new DescriptorError(errors, "schema.json");
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.code).toBe("schema-error");
    expect(thrown.errors).toHaveLength(2);
    expect(thrown.message).toContain("schema.json: Schema is not valid");
    expect(thrown.message).toContain("1 more");
  });
});
