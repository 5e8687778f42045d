import { DEFAULT_RETRY, type RetryPolicy } from "../../../http/client.ts";
import { inMemoryResult, savedSha256 } from "../../in-memory-result.ts";
import { readSecret } from "../../secrets.ts";
import type { Connector, ConnectorContext, ExtractResult } from "../../types.ts";
import { referencedTable } from "./decode-cell.ts";
import { decodeRecords, resolveReferences, type CellProblems, type ReferencedRows } from "./decode-table.ts";
import { documentUrl, listColumns, listRecords, type ByteCounter, type GristDocument } from "./grist-client.ts";
import { DEFAULT_BASE_URL, optionsSchema, type GristOptions } from "./options.ts";

export interface GristDependencies {
  retry?: RetryPolicy;
}

/**
 * Records of one Grist table. Grist has no cursor nor ETag for a table: every run reads it
 * whole (one request for the columns, one for the records, two per referenced table) and
 * says "unchanged" when the records hash to what the last successful run saw.
 */
export function createGristConnector(dependencies: GristDependencies = {}): Connector<GristOptions> {
  return {
    kind: "grist",
    optionsSchema,
    extract: (options, context) => extractTable(options, context, dependencies.retry ?? DEFAULT_RETRY),
  };
}

export const gristConnector = createGristConnector();

async function extractTable(options: GristOptions, context: ConnectorContext, retry: RetryPolicy): Promise<ExtractResult> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const recordsUrl = `${documentUrl({ baseUrl, docId: options.docId })}/tables/${options.tableId}/records`;
  const doc: GristDocument = {
    baseUrl,
    docId: options.docId,
    token: options.tokenEnv ? readSecret(context.env, options.tokenEnv, recordsUrl) : undefined,
    tokenEnv: options.tokenEnv,
    retry,
    timeoutMs: options.timeoutMs,
    logger: context.logger,
    signal: context.signal,
  };
  const fetchedAt = new Date().toISOString();
  const counter: ByteCounter = { bytes: 0 };
  const problems: CellProblems = new Map();

  const columns = await listColumns(doc, options.tableId, counter);
  const raw = await listRecords(doc, options.tableId, { filter: options.filter, sort: options.sort }, counter);
  const records = decodeRecords(raw, columns, problems);

  const referenced = new Map<string, ReferencedRows>();
  for (const table of new Set(columns.map((column) => referencedTable(column.fields.type)))) {
    if (table === undefined) continue;
    const tableColumns = await listColumns(doc, table, counter);
    const rows = decodeRecords(await listRecords(doc, table, {}, counter), tableColumns, new Map());
    referenced.set(table, { columns: tableColumns, rows: new Map(rows.map((row) => [row.id as number, row])) });
  }
  resolveReferences(records, columns, referenced, options.references ?? "display", problems);

  for (const [problem, count] of problems) {
    context.logger.warn(`Grist table ${options.tableId}: ${count} cell(s) without value, ${problem}`, { source: recordsUrl });
  }
  return inMemoryResult({
    records,
    previousSha256: savedSha256(context.state),
    provenance: {
      source: recordsUrl,
      title: `Grist, document ${options.docId}, table ${options.tableId}`,
      connector: "grist",
      fetchedAt,
      bytes: counter.bytes,
    },
    nextState: (sha256) => ({ sha256 }),
  });
}
