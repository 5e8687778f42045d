import type { Resource } from "../descriptor/types.ts";
import type { CompiledSchema } from "../field/index.ts";
import type { DigestAlgorithm, ReadStats, TableReader } from "../table/types.ts";
import type { ErrorCollector } from "./error-collector.ts";
import type { HeaderMatch } from "./header-check.ts";
import type { ForeignKeyCheck, KeyChecks } from "./key-checks.ts";
import type { ValidateOptions } from "./options.ts";
import type { StopCheck } from "./stop-check.ts";
import type { TableContext } from "./table-context.ts";

/**
 * How a table's data rows are read and checked. Two strategies give the same report:
 * `RowByRow` reads the rows in order on this thread; `InChunks` (parallel/) cuts a big CSV
 * file into chunks checked by worker threads. `validateTable` picks one from the table's
 * parallel plan before anything is read, so that threads start while the header is read.
 */
export interface RowStrategy {
  /** Opens the table for its header and sample (`InChunks` reads its first chunk only). */
  open(table: TableToCheck): Promise<TableReader>;
  /** Checks every data row after the header, up to the error limit or the row limit. */
  check(rows: RowsToCheck): Promise<RowsOutcome>;
  /** Stops what the strategy started ahead (threads); a no-op once `check` returned. */
  close(): Promise<void>;
}

/** What every phase of one table's validation shares. */
export interface TableToCheck {
  resource: Resource;
  options: ValidateOptions;
  context: TableContext;
  /** Folder against which the resource's relative paths resolve. */
  basePath: string;
  /** Where the table is, for the report. */
  place: string;
  errors: ErrorCollector;
  warnings: string[];
  stop: StopCheck;
  /** Digests of the table's bytes to compute while reading. */
  digests: DigestAlgorithm[];
}

/** A table whose header was read and matched: what its rows are checked against. */
export interface RowsToCheck extends TableToCheck {
  reader: TableReader;
  compiled: CompiledSchema;
  header: HeaderMatch;
  foreignKeys: ForeignKeyCheck[];
  /** The key sets (unique fields, primary key, foreign keys), fed row by row in order. */
  keys: KeyChecks;
}

export interface RowsOutcome {
  /** Data rows checked. */
  rows: number;
  /** Bytes read, and the digests once the whole table was read. */
  stats: ReadStats;
  /** Every row was checked: no error limit, row limit or unreadable byte stopped the read. */
  complete: boolean;
}
