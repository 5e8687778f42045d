/**
 * The Table Schema / Data Package core: descriptors, fields, errors, table reading,
 * streaming validation, reports and package writing. Imports nothing else of ours.
 */
export * from "./errors/index.ts";
export * from "./descriptor/index.ts";
export * from "./field/index.ts";
export { openTable, tableFormat } from "./table/open-table.ts";
export { decodeWindows1252 } from "./table/windows-1252.ts";
export { TableReadError } from "./table/read-error.ts";
export type { TableReadErrorCode } from "./table/read-error.ts";
export { DEFAULT_READ_LIMITS, INFLATE_RATIO, MIN_INFLATED_BYTES } from "./table/limits.ts";
export type { ReadLimits } from "./table/limits.ts";
export type { TableSource, TableReader, SourceRow, TableFormat, ReadStats, DigestAlgorithm } from "./table/types.ts";
export { SPAN_ESCAPED, SPAN_NON_ASCII, SPAN_QUOTED, spanText, recordTexts } from "./table/span-batch.ts";
export type { SpanBatch } from "./table/span-batch.ts";
export { validatePackage, isTableResource } from "./validate/validate-package.ts";
export { validateTable, placeOf } from "./validate/validate-table.ts";
export type { TableContext } from "./validate/table-context.ts";
export type { ValidateOptions, ValidationProgress } from "./validate/options.ts";
export { defaultThreads } from "./validate/parallel/early-threads.ts";
export { workerCode } from "./validate/parallel/worker-script.ts";
export type { Check, CheckContext, CheckFactory, CheckFinding, CheckModule, CheckRegistry, CheckRow } from "./validate/check.ts";
export { textDigits } from "./validate/custom-checks.ts";
export type { Report, ReportTask, TaskStats } from "./report/types.ts";
export { buildReport, stripTimings } from "./report/build-report.ts";
export { readRecords, readLogicalRows } from "./validate/read-logical-rows.ts";
export { writePackage, DATAPACKAGE_PROFILE } from "./write/write-package.ts";
export type { WritePackageOptions, WrittenPackage, ExtraFile } from "./write/write-package.ts";
export { writeCsvTable } from "./write/write-table.ts";
export { hashFile } from "./write/hash-file.ts";
export type { FileDigest } from "./write/hash-file.ts";
export { validateSource } from "./validate/validate-source.ts";
export type { ValidateSourceOptions } from "./validate/validate-source.ts";
export { formatReport, reportPieces, escapeData as escapeWorkflowData, property as escapeWorkflowProperty } from "./report/format-report.ts";
export type { ReportFormat } from "./report/format-report.ts";
