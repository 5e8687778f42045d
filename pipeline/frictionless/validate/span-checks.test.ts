import { describe, expect, it } from "vitest";
import { CLEAN_ROW, FAULTY_SCHEMA as SCHEMA, faultyRecords as records, LOOSE_SCHEMA as LOOSE } from "../../../fakes/fixtures/faulty-rows.ts";
import { spanBatch } from "../../../fakes/fixtures/span-batches.ts";
import { CELL_TEXT, compileSchema } from "../field/index.ts";
import { recordTexts, type SpanBatch } from "../table/span-batch.ts";
import type { Check } from "./check.ts";
import { CustomChecks, fieldPositions, type CheckOutput } from "./custom-checks.ts";
import { ErrorCollector } from "./error-collector.ts";
import { KeyChecks } from "./key-checks.ts";
import { RowChecks } from "./row-checks.ts";
import { SpanChecks } from "./span-checks.ts";

/**
 * A table read as spans must give the report, the values, the key hashes and the custom
 * checks' findings of the same table read as text: compared here record by record, over
 * generated tables where clean rows and every kind of faulty row alternate.
 */
/** Reads `montant` and `titre` (a text left unmade on spans until read), reports on some rows. */
const READER: Check = {
  type: "lecture",
  title: "Lecture",
  description: "Une lecture fictive.",
  row: (row) => {
    const titre = row.get("titre");
    const montant = row.get("montant");
    return typeof titre === "string" && titre.startsWith("x") && typeof montant === "number" ? [{ fieldName: "titre", note: `${titre} ${montant}` }] : undefined;
  },
};

/**
 * Reads texts as digits on every row (`CheckRow.digits`): digit texts, quoted or not, and texts
 * that are not (letters, doubled quotes, non-ASCII, empty, too long for the array, a number, an
 * unknown field), each read where a record read as spans leaves it (its bytes) or as a string.
 */
const DIGITS_READER: Check = {
  type: "chiffres",
  title: "Chiffres",
  description: "Une lecture fictive de chiffres.",
  row: (row) => {
    const into = new Uint8Array(9);
    const read = ["siren", "region", "titre", "id", "url", "montant", "absent"].map((name) => {
      const count = row.digits(name, into);
      return `${name}:${count}:${count < 0 ? "" : into.subarray(0, count).join("")}`;
    });
    read.push(`court:${row.digits("siren", new Uint8Array(8))}`);
    return [{ note: read.join(" ") }];
  },
};

interface Pass {
  errors: unknown[];
  values: unknown[][];
  hashes: number[][];
  outputs: CheckOutput[];
}

/** `columns`: each field's column in the records (-1: none); `width`: the header's columns. */
function pass(batch: SpanBatch, spans: boolean, limitErrors = 0, schema = SCHEMA, columns = schema.fields.map((_, k) => k), width = columns.length): Pass {
  const compiled = compileSchema(schema);
  const errors = new ErrorCollector({ limitErrors });
  const rows = new RowChecks(compiled, columns, width, errors);
  const keys = new KeyChecks(compiled, columns, []);
  const checks = new SpanChecks(compiled, columns, width, rows, keys.keyFields);
  const outputs: CheckOutput[] = [];
  const started = [{ name: "lecture", params: {}, check: READER }, { name: "chiffres", params: {}, check: DIGITS_READER }];
  const custom = new CustomChecks(started, compiled.fields, columns, fieldPositions(compiled.fields), (output) => outputs.push(output));
  const result: Pass = { errors: errors.errors, values: [], hashes: [], outputs };
  for (let r = 0; r < batch.count && !errors.full; r++) {
    const rowNumber = batch.firstRowNumber + r;
    const cells = recordTexts(batch, r);
    const values = spans ? checks.check(batch, r) : rows.checkCells({ rowNumber, cells });
    const hashes = new Int32Array(2 * keys.width);
    keys.hashRow(values, hashes, 0, checks);
    result.hashes.push([...hashes]);
    if (spans) custom.row(rowNumber, values, () => recordTexts(batch, r), checks);
    else custom.row(rowNumber, values, cells);
    result.values.push(values.map((value, f) => (value === CELL_TEXT ? checks.text(f) : value)));
  }
  return result;
}

describe("span checks", () => {
  it("give the text path's errors, values, key hashes and custom findings on every record", () => {
    const table = records(3000);
    for (const [schema, quoteAll] of [[SCHEMA, false], [SCHEMA, true], [LOOSE, false]] as const) {
      const batch = spanBatch(table, { quoteAll, asTexts: [5, 17, 400] });
      const text = pass(batch, false, 0, schema);
      expect(pass(batch, true, 0, schema)).toEqual(text);
      // The tables hold errors of every kind, and findings: the comparison is not of empty reports.
      const types = new Set(text.errors.map((error) => (error as { type: string }).type));
      expect([...types].sort()).toEqual(["blank-row", "constraint-error", "extra-cell", "missing-cell", "type-error"]);
      expect(text.outputs.length).toBeGreaterThan(10);
      // Digits were read, as digits and as texts that are not, on the clean records read on their bytes too.
      const notes = text.outputs.map((output) => ("error" in output ? output.error.note : ""));
      for (const read of ["siren:9:123456789", "region:2:84", "titre:-1:", "montant:-1:", "absent:-1:", "court:-1"]) expect(notes.some((note) => note.includes(read)), read).toBe(true);
    }
  });

  it("give the text path's report when the header lacks a field and holds a column the schema does not name", () => {
    const schema = { ...SCHEMA, fields: [...SCHEMA.fields, { name: "absent", type: "integer" as const, constraints: { required: true } }] };
    // The records' columns: the schema's first ten, then one it does not name; "absent" has none.
    const columns = [...SCHEMA.fields.map((_, k) => k), -1];
    const width = CLEAN_ROW.length + 1;
    const batch = spanBatch(records(2000).map((cells) => [...cells, "colonne en plus"]), { asTexts: [3] });
    const text = pass(batch, false, 0, schema, columns, width);
    expect(pass(batch, true, 0, schema, columns, width)).toEqual(text);
    expect(text.errors.length).toBeGreaterThan(100);
  });

  it("give the text path's report when other texts than \"\" are missing values, a row of them blank", () => {
    // Every cell of such a field needs its text; "NA" is then missing, as an empty cell is.
    const schema = { ...LOOSE, missingValues: ["", "NA"] };
    const batch = spanBatch(records(2000).map((cells) => cells.map((cell) => (cell === "" ? "NA" : cell))));
    const text = pass(batch, false, 0, schema);
    expect(pass(batch, true, 0, schema)).toEqual(text);
    expect(text.errors.some((error) => (error as { type: string }).type === "blank-row")).toBe(true);
  });

  it("stop at the error limit on the same record", () => {
    const batch = spanBatch(records(500));
    const text = pass(batch, false, 7);
    expect(text.errors).toHaveLength(7);
    expect(pass(batch, true, 7)).toEqual(text);
  });

  it("hash a string field that is a key on its own on its cell's bytes, as its text hashes, whatever the cell holds", () => {
    const schema = {
      fields: [
        { name: "id", type: "string" as const, constraints: { unique: true } },
        { name: "ref", type: "string" as const },
        { name: "code", type: "string" as const },
      ],
      primaryKey: ["id"],
      uniqueKeys: [["ref", "code"]],
      // Only "" is missing: other missing values would have every cell checked as text.
      missingValues: [""],
    };
    const ids = ["abc", "a,b", 'a"b', "été", " ", "  espaces ", "abc", 'é"'];
    const table = ids.map((id, n) => [id, `ref-${n % 3}`, n === 6 ? "" : `c${n % 2}`]);
    for (const quoteAll of [false, true]) {
      const batch = spanBatch(table, { quoteAll });
      const text = pass(batch, false, 0, schema);
      expect(pass(batch, true, 0, schema)).toEqual(text);
      // Eight different texts but one: the same hash for "abc" twice, a different one for each other.
      expect(new Set(text.hashes.map((row) => `${row[0]},${row[1]}`)).size).toBe(7);
    }
    // The compound key's parts are made at once; the id is hashed where it lies.
    expect(new KeyChecks(compileSchema(schema), [0, 1, 2], []).keyFields).toEqual([1, 2]);
  });

  it("leave a clean text unmade until read, and make the keys' parts at once", () => {
    const compiled = compileSchema(SCHEMA);
    const columns = SCHEMA.fields.map((_, k) => k);
    const rows = new RowChecks(compiled, columns, columns.length, new ErrorCollector({}));
    const checks = new SpanChecks(compiled, columns, columns.length, rows, [0]);
    const batch = spanBatch([CLEAN_ROW]);
    const values = checks.check(batch, 0);
    expect(values.slice(0, 5)).toEqual(["l-1", CELL_TEXT, CELL_TEXT, 1000.5, 2024]);
    expect(checks.text(1)).toBe("Projet");
    expect(values[9]).toBe("10:00:00");
  });
});
