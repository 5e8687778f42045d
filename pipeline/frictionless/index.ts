/**
 * The Table Schema / Data Package core: descriptors, fields, errors, table reading,
 * streaming validation, reports and package writing. Imports nothing else of ours.
 */
export * from "./errors/index.ts";
export { openTable, tableFormat } from "./table/open-table.ts";
export { TableReadError } from "./table/read-error.ts";
export type { TableSource, TableReader, SourceRow, TableFormat, ReadStats, DigestAlgorithm } from "./table/types.ts";
