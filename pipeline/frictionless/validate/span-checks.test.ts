import { describe, expect, it } from "vitest";
import { spanBatch } from "../../../fakes/fixtures/span-batches.ts";
import type { Schema } from "../descriptor/types.ts";
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
const SCHEMA: Schema = {
  missingValues: [""],
  primaryKey: ["id"],
  fields: [
    { name: "id", type: "string", constraints: { required: true, unique: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 20 } },
    { name: "titre", type: "string", constraints: { required: true, maxLength: 12 } },
    { name: "siren", type: "string", constraints: { pattern: "^\\d{9}$" } },
    { name: "montant", type: "number", constraints: { minimum: 0 } },
    { name: "annee", type: "integer" },
    { name: "date", type: "date" },
    { name: "statut", type: "string", constraints: { enum: ["sélectionné", "en cours"] } },
    { name: "region", type: "string", constraints: { pattern: "^(0[1-46]|11|84)$" } },
    { name: "url", type: "string", format: "uri", constraints: { required: true } },
    { name: "heure", type: "time" },
  ],
};

/** The same fields, none required: a row of empty cells then passes every cell's check, and is a blank row. */
const LOOSE: Schema = {
  ...SCHEMA,
  fields: SCHEMA.fields.map(({ constraints, ...field }) => {
    const { required: _, ...others } = constraints ?? {};
    return { ...field, constraints: others };
  }),
};

const CLEAN = ["l-1", "Projet", "123456789", "1000.5", "2024", "2024-11-19", "sélectionné", "84", "https://ex.invalid/1", "10:00:00"];

/** One faulty cell per kind the byte checks decline or fail, at the column they hit. */
const FAULTS: [column: number, cell: string][] = [
  [0, "L-1"], [0, ""], [1, ""], [1, "un titre bien trop long"], [1, "été, \"dit\""], [1, "😀😀😀😀😀😀😀😀😀😀😀😀😀"], [2, "12345678"], [2, "１２３４５６７８９"],
  [3, "-1"], [3, "1e3"], [3, " 5"], [3, "abc"], [4, "2024.5"], [4, "+7"], [5, "2024-02-30"], [5, "19/11/2024"], [6, "terminé"], [6, "Sélectionné"],
  [7, "85"], [7, "8"], [8, "ex.invalid"], [8, ""], [9, "25:00:00"], [9, "10:00"],
];

/** Records: mostly clean ones (ids and amounts varied, a few repeated ids), faulty ones, short, long, blank. */
function records(count: number): string[][] {
  let seed = 3;
  // The high bits of the generator: its low bits repeat with a short period.
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 12) % n;
  return Array.from({ length: count }, () => {
    const row = [...CLEAN];
    row[0] = `l-${next(count * 2)}`;
    row[3] = String(next(100000) / 100);
    row[1] = ["Projet", "Projet, dit \"x\"", "Été", "x", ""][next(4)] as string;
    const kind = next(10);
    if (kind === 0) {
      const [column, cell] = FAULTS[next(FAULTS.length)] as [number, string];
      row[column] = cell;
    } else if (kind === 1) return next(2) === 0 ? row.slice(0, 1 + next(9)) : [...row, "de trop"];
    else if (kind === 2 && next(3) === 0) return row.map(() => "");
    for (const column of [2, 3, 4, 5, 6, 7, 9]) if (next(6) === 0) row[column] = "";
    return row;
  });
}

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

interface Pass {
  errors: unknown[];
  values: unknown[][];
  hashes: number[][];
  outputs: CheckOutput[];
}

function pass(batch: SpanBatch, spans: boolean, limitErrors = 0, schema = SCHEMA): Pass {
  const compiled = compileSchema(schema);
  const columns = schema.fields.map((_, k) => k);
  const errors = new ErrorCollector({ limitErrors });
  const rows = new RowChecks(compiled, columns, columns.length, errors);
  const keys = new KeyChecks(compiled, columns, []);
  const checks = new SpanChecks(compiled, columns, columns.length, rows, keys.keyFields);
  const outputs: CheckOutput[] = [];
  const custom = new CustomChecks([{ name: "lecture", params: {}, check: READER }], compiled.fields, columns, fieldPositions(compiled.fields), (output) => outputs.push(output));
  const result: Pass = { errors: errors.errors, values: [], hashes: [], outputs };
  for (let r = 0; r < batch.count && !errors.full; r++) {
    const rowNumber = batch.firstRowNumber + r;
    const cells = recordTexts(batch, r);
    const values = spans ? checks.check(batch, r) : rows.checkCells({ rowNumber, cells });
    const hashes = new Int32Array(2 * keys.width);
    keys.hashRow(values, hashes, 0);
    result.hashes.push([...hashes]);
    if (spans) custom.row(rowNumber, values, () => recordTexts(batch, r), checks.text);
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
    }
  });

  it("stop at the error limit on the same record", () => {
    const batch = spanBatch(records(500));
    const text = pass(batch, false, 7);
    expect(text.errors).toHaveLength(7);
    expect(pass(batch, true, 7)).toEqual(text);
  });

  it("leave a clean text unmade until read, and make the keys' parts at once", () => {
    const compiled = compileSchema(SCHEMA);
    const columns = SCHEMA.fields.map((_, k) => k);
    const rows = new RowChecks(compiled, columns, columns.length, new ErrorCollector({}));
    const checks = new SpanChecks(compiled, columns, columns.length, rows, [0]);
    const batch = spanBatch([CLEAN]);
    const values = checks.check(batch, 0);
    expect(values.slice(0, 5)).toEqual(["l-1", CELL_TEXT, CELL_TEXT, 1000.5, 2024]);
    expect(checks.text(1)).toBe("Projet");
    expect(values[9]).toBe("10:00:00");
  });
});
