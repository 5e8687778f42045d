import type { Report } from "../frictionless/index.ts";
import type { ProgressMeter } from "../log/progress.ts";
import { validateOutput } from "../validate/validate-output.ts";

export interface StagedValidation {
  report: Report;
  /** Rows holding at least one error, over every table. */
  invalidRows: number;
}

/** The validate stage: the staged package read as reusers will read it, Table Schema and French checks. */
export async function validateStaged(stagingDir: string, meter?: (table: string, totalBytes?: number) => ProgressMeter): Promise<StagedValidation> {
  const meters = new Map<string, ProgressMeter>();
  const report = await validateOutput(stagingDir, (progress) => {
    let tableMeter = meters.get(progress.resource);
    if (tableMeter === undefined && meter) meters.set(progress.resource, (tableMeter = meter(progress.resource, progress.expectedBytes)));
    tableMeter?.update({ rows: progress.rows, bytes: progress.bytes });
  });
  for (const tableMeter of meters.values()) tableMeter.done();
  return { report, invalidRows: countInvalidRows(report) };
}

/** Rows (table and row number) that at least one error points at. */
export function countInvalidRows(report: Report): number {
  const rows = new Set<string>();
  for (const task of report.tasks) {
    for (const error of task.errors) if (typeof error.rowNumber === "number") rows.add(`${task.name}:${error.rowNumber}`);
  }
  return rows.size;
}
