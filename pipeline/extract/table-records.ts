import { openTable, type Dialect, type TableFormat } from "../frictionless/index.ts";
import { SOURCE_FILE, SOURCE_ROW_NUMBER, type ConnectorLogger, type SourceRecord } from "./types.ts";
import { toExtractError } from "./errors.ts";

export interface TableBytes {
  /** The table in memory (an answer from the web), or… */
  bytes?: Uint8Array;
  /** …a local file, read as its records are. */
  path?: string;
  format: TableFormat;
  encoding?: string;
  dialect?: Dialect;
  /** Name of the source in messages: a path relative to the declaration, or a URL without secrets. */
  place: string;
  /** Set when one source yields several files, to tag each record with its file. */
  file?: string;
}

/**
 * Open a table (in memory or on disk) and read its header now, so that an unreadable file fails
 * the extraction at once; the records (label → cell, plus the physical row number) stream
 * afterwards.
 */
export async function openTableRecords(table: TableBytes, logger: ConnectorLogger): Promise<AsyncIterable<SourceRecord>> {
  let reader;
  try {
    reader = await openTable({ bytes: table.bytes, path: table.path, format: table.format, encoding: table.encoding, dialect: table.dialect, place: table.place });
  } catch (error) {
    throw toExtractError(error, table.place);
  }
  const { labels } = reader;
  const rows = reader.rows;
  return (async function* records() {
    let warnedExtra = false;
    try {
      for await (const row of rows) {
        const record: SourceRecord = {};
        labels.forEach((label, index) => {
          record[label] = row.cells[index] ?? null;
        });
        if (row.cells.length > labels.length && !warnedExtra) {
          warnedExtra = true;
          logger.warn(`${table.place} row ${row.rowNumber} has more cells than the header has labels; the extra cells are dropped`, { source: table.place });
        }
        record[SOURCE_ROW_NUMBER] = row.rowNumber;
        if (table.file !== undefined) record[SOURCE_FILE] = table.file;
        yield record;
      }
    } catch (error) {
      throw toExtractError(error, table.place);
    }
  })();
}
