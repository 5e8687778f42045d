import { ExtractError, type ConnectorLogger, type SourceRecord } from "../../types.ts";
import type { AidesTerritoiresSession } from "./session.ts";

interface AidsPage {
  count?: unknown;
  next?: unknown;
  results?: unknown;
}

// Far above any real listing (a few thousand aids at 30 a page): only a broken `next` gets here.
const MAX_PAGES = 2_000;

/**
 * Every aid of a listing, following `next` until it is null. `next` must stay on the API's
 * host, since the JWT goes with it; its scheme is forced to the base URL's, because a server
 * behind a proxy may write `http://` links that would otherwise send the token in clear.
 */
export async function fetchAllAids(session: AidesTerritoiresSession, firstUrl: string, logger: ConnectorLogger): Promise<{ aids: SourceRecord[]; bytes: number }> {
  const base = new URL(firstUrl);
  const seen = new Set<string>();
  const aids: SourceRecord[] = [];
  let bytes = 0;
  let count: number | undefined;
  let url: string | null = firstUrl;
  while (url !== null) {
    if (seen.has(url) || seen.size >= MAX_PAGES) {
      throw new ExtractError({
        code: "malformed",
        source: firstUrl,
        message: `${firstUrl}: the listing's "next" links loop (${url} was already read, after ${seen.size} pages)`,
        hint: "the API's pagination is broken; retry later",
      });
    }
    seen.add(url);
    const page: { data: AidsPage; bytes: number } = await session.getJson<AidsPage>(url);
    bytes += page.bytes;
    const { results, next } = page.data ?? {};
    if (!Array.isArray(results) || (next !== null && typeof next !== "string")) {
      throw new ExtractError({
        code: "malformed",
        source: url,
        message: `${url}: the answer is not a page of aids ({ count, next, previous, results[] })`,
        hint: "check the base URL and the filters; the API may have changed",
      });
    }
    if (typeof page.data.count === "number") count = page.data.count;
    aids.push(...(results as SourceRecord[]));
    url = next === null ? null : sameHost(next, base, firstUrl);
  }
  if (count !== undefined && count !== aids.length) {
    logger.warn(`Aides-territoires announced ${count} aids but served ${aids.length}; the listing may have changed during the read`, { source: firstUrl });
  }
  return { aids, bytes };
}

function sameHost(next: string, base: URL, source: string): string {
  const url = new URL(next, base);
  if (url.host !== base.host) {
    throw new ExtractError({
      code: "malformed",
      source,
      message: `${source}: the next page is on another host (${url.host}); the token is not sent there`,
      hint: "check the base URL: it must be the API's own address",
    });
  }
  url.protocol = base.protocol;
  return url.toString();
}
