import type { ErrorSpec } from "./types.ts";

/**
 * Every error type frictionless-py 5 reports, with its title, description and message template
 * (the wording follows fpy so that reports read the same), plus the abstract family codes
 * usable in pick/skip selectors.
 */

const FILE = ["#file"] as const;
const TABLE = ["#table"] as const;
const HEADER = ["#table", "#header"] as const;
const LABEL = ["#table", "#header", "#label"] as const;
const ROW = ["#table", "#row"] as const;
const CELL = ["#table", "#row", "#cell"] as const;
const NONE = [] as const;

const CELL_WHERE = 'in row at position "{rowNumber}" and field "{fieldName}" at position "{fieldNumber}"';
const CORRUPTED = "This error can happen if the data is corrupted.";

const specs: ErrorSpec[] = [
  // Families
  { type: "error", title: "Error", description: "Error.", template: "{note}", tags: NONE },
  { type: "data-error", title: "Data Error", description: "There is a data error.", template: "Data error: {note}", tags: NONE },
  { type: "file-error", title: "File Error", description: "There is a file error.", template: "General file error: {note}", tags: FILE },
  { type: "table-error", title: "Table Error", description: "There is a table error.", template: "General table error: {note}", tags: TABLE },
  { type: "header-error", title: "Header Error", description: "There is a header error.", template: "General header error: {note}", tags: HEADER },
  { type: "label-error", title: "Label Error", description: "There is a label error.", template: 'Label "{label}" at position "{fieldNumber}" has an error: {note}', tags: LABEL },
  { type: "row-error", title: "Row Error", description: "There is a row error.", template: 'The row at position "{rowNumber}" has an error: {note}', tags: ROW },
  { type: "cell-error", title: "Cell Error", description: "There is a cell error.", template: `The cell "{cell}" ${CELL_WHERE} has an error: {note}`, tags: CELL },

  // File
  { type: "hash-count", title: "Hash Count Error", description: CORRUPTED, template: "The data source does not match the expected hash count: {note}", tags: FILE },
  { type: "byte-count", title: "Byte Count Error", description: CORRUPTED, template: "The data source does not match the expected byte count: {note}", tags: FILE },

  // Table
  { type: "field-count", title: "Field Count Error", description: CORRUPTED, template: "The data source does not match the expected field count: {note}", tags: TABLE },
  { type: "row-count", title: "Row Count Error", description: CORRUPTED, template: "The data source does not match the expected row count: {note}", tags: TABLE },
  { type: "deviated-value", title: "Deviated Value", description: "The value is deviated.", template: "There is a possible error because the value is deviated: {note}", tags: TABLE },
  { type: "required-value", title: "Required Value", description: "The required value is not present.", template: "Cannot find required value: {note}", tags: TABLE },
  { type: "table-dimensions", title: "Table dimensions error", description: "This error can happen if the data is corrupted or the table does not have the expected size.", template: "The data source does not have the required dimensions: {note}", tags: TABLE },

  // Header and labels
  { type: "blank-header", title: "Blank Header", description: "This header is empty. A header should contain at least one value.", template: "Header is completely blank", tags: HEADER },
  { type: "unmatched-header", title: "Unmatched Header", description: 'With fieldsMatch "partial", at least one schema field must appear in the header.', template: "None of the header labels matches a field of the schema: {note}", tags: HEADER },
  { type: "extra-label", title: "Extra Label", description: "The header of the data source contains label that does not exist in the provided schema.", template: 'There is an extra label "{label}" in header at position "{fieldNumber}"', tags: LABEL },
  { type: "missing-label", title: "Missing Label", description: "Based on the schema there should be a label that is missing in the data's header.", template: 'There is a missing label in the header\'s field "{fieldName}" at position "{fieldNumber}"', tags: LABEL },
  { type: "blank-label", title: "Blank Label", description: "A label in the header row is missing a value. Label should be provided and not be blank.", template: 'Label in the header in field at position "{fieldNumber}" is blank', tags: LABEL },
  { type: "duplicate-label", title: "Duplicate Label", description: "Two columns in the header row have the same value. Column names should be unique.", template: 'Label "{label}" in the header at position "{fieldNumber}" is duplicated to a label: {note}', tags: LABEL },
  { type: "incorrect-label", title: "Incorrect Label", description: "One of the data source header does not match the field name defined in the schema.", template: 'Label "{label}" in field {fieldName} at position "{fieldNumber}" does not match the field name in the schema', tags: LABEL },

  // Rows
  { type: "blank-row", title: "Blank Row", description: "This row is empty. A row should contain at least one value.", template: 'Row at position "{rowNumber}" is completely blank', tags: ROW },
  { type: "primary-key", title: "PrimaryKey Error", description: "Values in the primary key fields should be unique for every row", template: 'Row at position "{rowNumber}" violates the primary key: {note}', tags: ROW },
  { type: "foreign-key", title: "ForeignKey Error", description: "Values in the foreign key fields should exist in the reference table", template: 'Row at position "{rowNumber}" violates the foreign key: {note}', tags: ROW },
  { type: "duplicate-row", title: "Duplicate Row", description: "The row is duplicated.", template: 'Row at position "{rowNumber}" is duplicated: {note}', tags: ROW },
  { type: "row-constraint", title: "Row Constraint", description: "The value does not conform to the row constraint.", template: 'The row at position "{rowNumber}" has an error: {note}', tags: ROW },

  // Cells
  { type: "extra-cell", title: "Extra Cell", description: "This row has more values compared to the header row (the first row in the data source). A key concept is that all the rows in tabular data must have the same number of columns.", template: 'Row at position "{rowNumber}" has an extra value in field at position "{fieldNumber}"', tags: CELL },
  { type: "missing-cell", title: "Missing Cell", description: "This row has less values compared to the header row (the first row in the data source). A key concept is that all the rows in tabular data must have the same number of columns.", template: 'Row at position "{rowNumber}" has a missing cell in field "{fieldName}" at position "{fieldNumber}"', tags: CELL },
  { type: "type-error", title: "Type Error", description: "The value does not match the schema type and format for this field.", template: 'Type error in the cell "{cell}" in row "{rowNumber}" and field "{fieldName}" at position "{fieldNumber}": {note}', tags: CELL },
  { type: "constraint-error", title: "Constraint Error", description: "A field value does not conform to a constraint.", template: `The cell "{cell}" ${CELL_WHERE} does not conform to a constraint: {note}`, tags: CELL },
  { type: "unique-error", title: "Unique Error", description: "This field is a unique field but it contains a value that has been used in another row.", template: 'Row at position "{rowNumber}" has unique constraint violation in field "{fieldName}" at position "{fieldNumber}": {note}', tags: CELL },
  { type: "truncated-value", title: "Truncated Value", description: "The value is possible truncated.", template: `The cell "{cell}" ${CELL_WHERE} has an error: {note}`, tags: CELL },
  { type: "forbidden-value", title: "Forbidden Value", description: "The value is forbidden.", template: `The cell "{cell}" ${CELL_WHERE} has an error: {note}`, tags: CELL },
  { type: "sequential-value", title: "Sequential Value", description: "The value is not sequential.", template: `The cell "{cell}" ${CELL_WHERE} has an error: {note}`, tags: CELL },
  { type: "ascii-value", title: "Ascii Value", description: "The cell contains non-ascii characters.", template: `The cell "{cell}" ${CELL_WHERE} has an error: {note}`, tags: CELL },
  { type: "deviated-cell", title: "Deviated cell", description: "The cell is deviated.", template: `There is a possible error because the cell is deviated: {note}`, tags: CELL },

  // Resource and reading: these abort the task
  { type: "resource-error", title: "Resource Error", description: "A validation cannot be processed.", template: "The data resource has an error: {note}", tags: NONE },
  { type: "source-error", title: "Source Error", description: "Data reading error because of not supported or inconsistent contents.", template: "The data source has not supported or has inconsistent contents: {note}", tags: NONE },
  { type: "scheme-error", title: "Scheme Error", description: "Data reading error because of incorrect scheme.", template: "The data source could not be successfully loaded: {note}", tags: NONE },
  { type: "format-error", title: "Format Error", description: "Data reading error because of incorrect format.", template: "The data source could not be successfully parsed: {note}", tags: NONE },
  { type: "encoding-error", title: "Encoding Error", description: "Data reading error because of an encoding problem.", template: "The data source could not be successfully decoded: {note}", tags: NONE },
  { type: "compression-error", title: "Compression Error", description: "Data reading error because of a decompression problem.", template: "The data source could not be successfully decompressed: {note}", tags: NONE },

  // Metadata (descriptors)
  { type: "metadata-error", title: "Metadata Error", description: "There is a metadata error.", template: "Metadata error: {note}", tags: NONE },
  { type: "package-error", title: "Package Error", description: "A validation cannot be processed.", template: "The data package has an error: {note}", tags: NONE },
  { type: "schema-error", title: "Schema Error", description: "Provided schema is not valid.", template: "Schema is not valid: {note}", tags: NONE },
  { type: "field-error", title: "Field Error", description: "Provided field is not valid.", template: "Field is not valid: {note}", tags: NONE },
  { type: "dialect-error", title: "Dialect Error", description: "Provided dialect is not valid.", template: "Dialect is not valid: {note}", tags: NONE },
  { type: "control-error", title: "Control Error", description: "Provided control is not valid.", template: "Control is not valid: {note}", tags: NONE },
  { type: "checklist-error", title: "Checklist Error", description: "Provided checklist is not valid.", template: "Checklist is not valid: {note}", tags: NONE },
  { type: "check-error", title: "Check Error", description: "Provided check is not valid", template: "Check is not valid: {note}", tags: NONE },
  { type: "detector-error", title: "Detector Error", description: "Provided detector is not valid.", template: "Detector is not valid: {note}", tags: NONE },
  { type: "inquiry-error", title: "Inquiry Error", description: "Provided inquiry is not valid.", template: "Inquiry is not valid: {note}", tags: NONE },
  { type: "inquiry-task-error", title: "Inquiry Task Error", description: "Provided inquiry task is not valid.", template: "Inquiry task is not valid: {note}", tags: NONE },
  { type: "pipeline-error", title: "Pipeline Error", description: "Provided pipeline is not valid.", template: "Pipeline is not valid: {note}", tags: NONE },
  { type: "step-error", title: "Step Error", description: "Provided step is not valid", template: "Step is not valid: {note}", tags: NONE },
  { type: "report-error", title: "Report Error", description: "Provided report is not valid.", template: "Report is not valid: {note}", tags: NONE },
  { type: "report-task-error", title: "Report Task Error", description: "Provided report task is not valid.", template: "Report task is not valid: {note}", tags: NONE },
  { type: "catalog-error", title: "Catalog Error", description: "A validation cannot be processed.", template: "The data catalog has an error: {note}", tags: NONE },
  { type: "dataset-error", title: "Dataset Error", description: "A validation cannot be processed.", template: "The dataset has an error: {note}", tags: NONE },
  { type: "stats-error", title: "Stats Error", description: "Stats object has an error.", template: "Stats object has an error: {note}", tags: NONE },
];

export const ERROR_SPECS: ReadonlyMap<string, ErrorSpec> = new Map(specs.map((spec) => [spec.type, spec]));

/** Error types that describe an unusable descriptor (they come with a `jsonPath`). */
export const METADATA_ERROR_TYPES: ReadonlySet<string> = new Set([
  "metadata-error", "package-error", "resource-error", "schema-error", "field-error", "dialect-error",
  "control-error", "checklist-error", "check-error", "detector-error", "inquiry-error", "inquiry-task-error",
  "pipeline-error", "step-error", "report-error", "report-task-error", "catalog-error", "dataset-error", "stats-error",
]);

/**
 * Parent family of each concrete code, so that a selector such as `cell-error` or `header-error`
 * picks the whole family as it does in frictionless-py.
 */
export const ERROR_FAMILIES: ReadonlyMap<string, string> = new Map([
  ...["hash-count", "byte-count"].map((t) => [t, "file-error"] as const),
  ...["field-count", "row-count", "deviated-value", "required-value", "table-dimensions"].map((t) => [t, "table-error"] as const),
  ...["blank-header", "unmatched-header", "label-error"].map((t) => [t, "header-error"] as const),
  ...["extra-label", "missing-label", "blank-label", "duplicate-label", "incorrect-label"].map((t) => [t, "label-error"] as const),
  ...["blank-row", "primary-key", "foreign-key", "duplicate-row", "row-constraint", "cell-error"].map((t) => [t, "row-error"] as const),
  ...["extra-cell", "missing-cell", "type-error", "constraint-error", "unique-error", "truncated-value", "forbidden-value", "sequential-value", "ascii-value", "deviated-cell"].map((t) => [t, "cell-error"] as const),
  ...["file-error", "table-error", "header-error", "row-error"].map((t) => [t, "data-error"] as const),
  ...["source-error", "scheme-error", "format-error", "encoding-error", "compression-error"].map((t) => [t, "resource-error"] as const),
  ["field-error", "schema-error"],
  ["control-error", "dialect-error"],
  ["check-error", "checklist-error"],
  ["step-error", "pipeline-error"],
  ["report-task-error", "report-error"],
  ...[...METADATA_ERROR_TYPES].filter((t) => !["metadata-error", "field-error", "control-error", "check-error", "step-error", "report-task-error"].includes(t)).map((t) => [t, "metadata-error"] as const),
  ["data-error", "error"],
  ["metadata-error", "error"],
]);
