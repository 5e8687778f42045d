import { httpRequest, parseJsonBody, type RetryPolicy } from "../../../http/client.ts";
import { toExtractError } from "../../errors.ts";
import { ExtractError, type ConnectorLogger } from "../../types.ts";
import { serialised } from "../../../shared/serialised.ts";

export interface GristColumn {
  id: string;
  fields: { type?: string; label?: string; colRef?: number; visibleCol?: number };
}

export interface GristRecord {
  id: number;
  fields: Record<string, unknown>;
}

export interface GristDocument {
  baseUrl: string;
  docId: string;
  token: string | undefined;
  tokenEnv: string | undefined;
  retry: RetryPolicy;
  timeoutMs?: number;
  logger: ConnectorLogger;
  signal?: AbortSignal;
}

/** Bytes of the answers read so far, for the provenance. */
export interface ByteCounter {
  bytes: number;
}

export async function listColumns(doc: GristDocument, tableId: string, counter: ByteCounter): Promise<GristColumn[]> {
  const answer = await getJson<{ columns?: GristColumn[] }>(doc, `tables/${encodeURIComponent(tableId)}/columns`, counter);
  if (!Array.isArray(answer?.columns)) throw malformed(doc, `tables/${tableId}/columns`, "columns");
  return answer.columns;
}

export async function listRecords(doc: GristDocument, tableId: string, query: { filter?: Record<string, unknown[]>; sort?: string }, counter: ByteCounter): Promise<GristRecord[]> {
  const params = new URLSearchParams();
  if (query.filter) params.set("filter", JSON.stringify(query.filter));
  if (query.sort) params.set("sort", query.sort);
  const search = params.size > 0 ? `?${params}` : "";
  const answer = await getJson<{ records?: GristRecord[] }>(doc, `tables/${encodeURIComponent(tableId)}/records${search}`, counter);
  if (!Array.isArray(answer?.records)) throw malformed(doc, `tables/${tableId}/records`, "records");
  return answer.records;
}

export function documentUrl(doc: Pick<GristDocument, "baseUrl" | "docId">): string {
  return `${doc.baseUrl}/api/docs/${encodeURIComponent(doc.docId)}`;
}

async function getJson<T>(doc: GristDocument, path: string, counter: ByteCounter): Promise<T> {
  const url = `${documentUrl(doc)}/${path}`;
  return serialised(`grist:${documentUrl(doc)}`, async () => {
    try {
      const response = await httpRequest({
        url,
        headers: { accept: "application/json", ...(doc.token ? { authorization: `Bearer ${doc.token}` } : {}) },
        secrets: [doc.token],
        retry: doc.retry,
        timeoutMs: doc.timeoutMs,
        signal: doc.signal,
        onRetry: ({ attempt, delayMs, reason }) => doc.logger.warn(`retrying in ${delayMs} ms`, { source: url, attempt, reason }),
      });
      counter.bytes += response.body.length;
      return parseJsonBody<T>(response, { method: "GET", url });
    } catch (error) {
      throw toExtractError(error, url, { tokenEnv: doc.tokenEnv });
    }
  });
}

function malformed(doc: GristDocument, path: string, key: string): ExtractError {
  const source = `${documentUrl(doc)}/${path}`;
  return new ExtractError({
    code: "malformed",
    source,
    message: `${source}: the answer has no "${key}" array`,
    hint: "check the base URL (a Grist server answers JSON under /api) and the document and table ids",
  });
}
