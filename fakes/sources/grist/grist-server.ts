import { startLocalServer, type LocalServer } from "../../http/local-server.ts";
import { json } from "../../http/reply.ts";
import type { GristColumn, GristRecord } from "./api-objects.ts";

/**
 * A fake Grist REST API (docs/sources-apis.md §3): `/api/docs/{docId}/tables/{tableId}/records`
 * with `filter` and `sort`, `/columns`, bearer API key (401 otherwise), cells in Grist's
 * encoding, and grist-core's per-document limit on parallel requests (429 beyond).
 * Answers are delayed a little so that parallel calls really overlap.
 */
export interface FakeGristTable {
  columns: GristColumn[];
  records: GristRecord[];
}

export interface FakeGrist extends LocalServer {
  readonly docs: Map<string, Map<string, FakeGristTable>>;
  /** Requests refused because too many were running on their document. */
  readonly served429: number;
}

export async function startFakeGrist(init: {
  docs: Record<string, Record<string, FakeGristTable>>;
  apiKey?: string;
  maxParallelPerDoc?: number;
  delayMs?: number;
}): Promise<FakeGrist> {
  const docs = new Map(Object.entries(init.docs).map(([docId, tables]) => [docId, new Map(Object.entries(tables))]));
  const running = new Map<string, number>();
  let served429 = 0;

  const server = await startLocalServer(async ({ url, headers }) => {
    const match = /^\/api\/docs\/([^/]+)\/tables\/([^/]+)\/(records|columns)$/.exec(url.pathname);
    if (!match) return json(404, { error: `not found: ${url.pathname}` });
    const [, docId = "", tableId = "", what] = match;
    if (init.apiKey !== undefined && headers.authorization !== `Bearer ${init.apiKey}`) {
      return json(401, { error: "Bad request: invalid API key" });
    }
    const count = (running.get(docId) ?? 0) + 1;
    running.set(docId, count);
    try {
      if (count > (init.maxParallelPerDoc ?? 10)) {
        served429++;
        return json(429, { error: `Too many backlogged requests for document ${docId} - try again later?` });
      }
      await new Promise((resolve) => setTimeout(resolve, init.delayMs ?? 10));
      const doc = docs.get(docId);
      if (!doc) return json(404, { error: "document not found" });
      const table = doc.get(decodeURIComponent(tableId));
      if (!table) return json(404, { error: `Table not found "${tableId}"` });
      if (what === "columns") return json(200, { columns: table.columns });
      const selected = select(table.records, url.searchParams);
      if (typeof selected === "string") return json(400, { error: selected });
      return json(200, { records: selected });
    } finally {
      running.set(docId, (running.get(docId) ?? 1) - 1);
    }
  }, { errorReply: (status) => json(status, { error: `Simulated failure ${status}` }) });

  return {
    ...server,
    docs,
    get served429() {
      return served429;
    },
  };
}

/** Grist's `filter` (column → allowed raw values) and `sort` (`col,-col`); a string is an error. */
function select(records: GristRecord[], params: URLSearchParams): GristRecord[] | string {
  let out = [...records];
  const filter = params.get("filter");
  if (filter) {
    let parsed: Record<string, unknown[]>;
    try {
      parsed = JSON.parse(filter) as Record<string, unknown[]>;
    } catch {
      return "filter must be a JSON object";
    }
    for (const [column, allowed] of Object.entries(parsed)) out = out.filter((record) => allowed.includes(record.fields[column]));
  }
  const sort = params.get("sort");
  if (sort) {
    const keys = sort.split(",").map((key) => (key.startsWith("-") ? { column: key.slice(1), direction: -1 } : { column: key, direction: 1 }));
    out.sort((a, b) => {
      for (const { column, direction } of keys) {
        const left = a.fields[column] as string | number;
        const right = b.fields[column] as string | number;
        if (left < right) return -direction;
        if (left > right) return direction;
      }
      return 0;
    });
  }
  return out;
}
