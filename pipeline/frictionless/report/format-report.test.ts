import { describe, expect, it } from "vitest";
import { createError } from "../errors/index.ts";
import { buildReport, stripTimings } from "./build-report.ts";
import { formatReport } from "./format-report.ts";
import type { ReportTask } from "./types.ts";

function task(): ReportTask {
  const errors = [
    ...[2, 3, 4, 5, 6, 7].map((rowNumber) =>
      createError("type-error", { rowNumber, fieldName: "montant", fieldNumber: 3, cell: `${rowNumber}x`, note: 'type is "number/default"' }),
    ),
    createError("foreign-key", { rowNumber: 9, note: 'values "appel-9" not found in the lookup table "appels" as "id"' }),
  ];
  return {
    name: "laureats",
    type: "table",
    place: "data/laureats.csv",
    valid: false,
    labels: ["id", "appel_id", "montant"],
    stats: { errors: errors.length, warnings: 0, seconds: 0.123, rows: 8, fields: 3, bytes: 300 },
    warnings: [],
    errors,
  };
}

describe("formatReport", () => {
  const report = buildReport([task()], [], [], 0.5);

  it("totals the tasks", () => {
    expect(report).toMatchObject({ valid: false, stats: { tasks: 1, errors: 7, warnings: 0, seconds: 0.5 } });
  });

  it("summarises as text grouped by error type, with counts, first examples and what to do", () => {
    const text = formatReport(report, "text");
    expect(text).toContain("INVALID: 1 table(s), 7 error(s)");
    expect(text).toContain("Type Error (type-error): 6");
    expect(text).toContain('row 2, field "montant" "2x": type is "number/default"');
    expect(text).toContain("… and 1 more");
    expect(text).toContain("ForeignKey Error (foreign-key): 1");
    expect(text).toContain("→ add the missing rows to the referenced table");
  });

  it("prints GitHub annotations with file, line and column", () => {
    const lines = formatReport(report, "github").trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      '::error file=data/laureats.csv,line=2,col=3,title=Type Error (type-error)::Type error in the cell "2x" in row "2" and field "montant" at position "3": type is "number/default"',
    );
  });

  it("gives GitHub paths relative to the checkout (the working directory)", () => {
    const absolute = buildReport([{ ...task(), place: `${process.cwd()}/data/laureats.csv` }], [], [], 0);
    expect(formatReport(absolute, "github")).toContain("::error file=data/laureats.csv,line=2,");
  });

  it("prints the frictionless-py JSON shape", () => {
    const json = JSON.parse(formatReport(report, "json")) as typeof report;
    expect(json.tasks[0]?.errors[0]).toMatchObject({ type: "type-error", rowNumber: 2, fieldNumber: 3, fieldName: "montant", cell: "2x", tags: ["#table", "#row", "#cell"] });
  });

  it("stripTimings makes a report deterministic", () => {
    const stripped = stripTimings(report);
    expect(stripped.stats.seconds).toBe(0);
    expect(stripped.tasks[0]?.stats.seconds).toBe(0);
    expect(report.stats.seconds).toBe(0.5);
  });
});
