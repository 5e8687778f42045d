import type { Report, ValidationError } from "../frictionless/index.ts";
import type { RowOrigin } from "../transform/map-inputs.ts";

/** Where each data row of a table came from (`at(0)` for the first), to point a validation error back at the source cell. */
export interface TableOrigin {
  at(index: number): RowOrigin | undefined;
}

export interface LocatedError {
  resource: string;
  type: string;
  rowNumber?: number;
  fieldName?: string;
  cell?: string;
  note: string;
  /** The same place in the source the team edits, when the row came from one. */
  origin?: { source: string; rowNumber: number; column?: string };
  /** One line a person can act on: file, row, field, rule, and the source cell. */
  text: string;
}

/**
 * A validation error names a row of the table we wrote; the data team fixes the source.
 * Output row n (the header is row 1) holds the (n-1)th record, whose source and source row
 * the transform stage remembered, and the field's source column comes from that source's mapping.
 */
export function locateValidationErrors(report: Report, origins: ReadonlyMap<string, TableOrigin>): LocatedError[] {
  const located: LocatedError[] = report.errors.map((error) => locate("datapackage.json", error, undefined));
  for (const task of report.tasks) {
    for (const error of task.errors) located.push(locate(task.name, error, origins.get(task.name)));
  }
  return located;
}

function locate(resource: string, error: ValidationError, table: TableOrigin | undefined): LocatedError {
  const origin = table && typeof error.rowNumber === "number" && error.rowNumber >= 2 ? table.at(error.rowNumber - 2) : undefined;
  const sourceRow = origin?.rowNumber;
  const rule = origin && error.fieldName ? origin.mapping[error.fieldName] : undefined;
  const column = typeof rule === "string" ? rule : rule?.column;
  const where = [
    resource === "datapackage.json" ? resource : `${resource}.csv`,
    error.rowNumber === undefined ? undefined : `row ${error.rowNumber}`,
    error.fieldName === undefined ? undefined : `field "${error.fieldName}"`,
  ].filter(Boolean).join(", ");
  const from = origin && sourceRow !== undefined ? ` (from ${origin.source} row ${sourceRow}${column ? `, column "${column}"` : ""})` : "";
  const cell = error.cell === undefined || error.cell === "" ? "" : ` value "${error.cell}":`;
  const note = error.note || error.message;
  return {
    resource,
    type: error.type,
    rowNumber: error.rowNumber,
    fieldName: error.fieldName,
    cell: error.cell,
    note,
    origin: origin && sourceRow !== undefined ? { source: origin.source, rowNumber: sourceRow, column } : undefined,
    text: `${where}${from}: ${error.type}:${cell} ${note}`,
  };
}
