import { httpRequest, parseJsonBody, type RetryPolicy } from "../../http/client.ts";
import { HttpError } from "../../http/errors.ts";
import { ExtractError } from "../types.ts";
import { isFresh, readSirenCache, writeSirenCache, type SirenCache } from "./siren-cache.ts";
import { createTokenBucket, type TokenBucket } from "./token-bucket.ts";
import type { SirenInfo } from "./types.ts";

export const RECHERCHE_ENTREPRISES_URL = "https://recherche-entreprises.api.gouv.fr";

export interface EnrichOptions {
  /** Defaults to the public API (no auth). */
  baseUrl?: string;
  /** JSON file kept between runs; a SIREN found there is not asked again. */
  cacheFile: string;
  /** The API allows 7 requests per second per IP. */
  maxPerSecond?: number;
  /** Cached answers older than this are fetched again. */
  maxAgeDays?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

interface SearchAnswer {
  results?: unknown;
}

interface SearchResult {
  siren?: unknown;
  nom_complet?: unknown;
  nature_juridique?: unknown;
  complements?: { est_service_public?: unknown; est_administration?: unknown } | null;
}

// Network delays shift arrivals by a few milliseconds: stay a little under the server's limit.
const RATE_MARGIN = 0.95;

// The limit is per IP: calls made at the same time by several tables must share one bucket.
const buckets = new Map<string, TokenBucket>();

function bucketFor(baseUrl: string, maxPerSecond: number): TokenBucket {
  const key = `${baseUrl} ${maxPerSecond}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = createTokenBucket({ ratePerSecond: maxPerSecond * RATE_MARGIN });
    buckets.set(key, bucket);
  }
  return bucket;
}

/**
 * Look up organisations by SIREN in the Recherche d'entreprises API (docs/sources-apis.md §5).
 * Values that are not 9 digits (after removing spaces) are skipped, as are SIRENs the API
 * does not know: the returned map only holds organisations the API confirmed.
 * The cache is written even when a lookup fails, so that the next run resumes.
 */
export async function enrichBySiren(sirens: readonly string[], options: EnrichOptions): Promise<Map<string, SirenInfo>> {
  const baseUrl = (options.baseUrl ?? RECHERCHE_ENTREPRISES_URL).replace(/\/+$/, "");
  const maxAgeDays = options.maxAgeDays ?? 30;
  const bucket = bucketFor(baseUrl, options.maxPerSecond ?? 7);
  const cache = await readSirenCache(options.cacheFile);
  const wanted = [...new Set(sirens.map((value) => value.replace(/\s+/g, "")).filter((value) => /^\d{9}$/.test(value)))];
  const now = new Date();
  let fetched = 0;
  try {
    for (const siren of wanted) {
      const entry = cache.get(siren);
      if (entry && isFresh(entry, maxAgeDays, now)) continue;
      await bucket.take(options.signal);
      cache.set(siren, { info: await searchSiren(baseUrl, siren, options), fetchedAt: new Date().toISOString() });
      fetched++;
    }
  } finally {
    if (fetched > 0) await writeSirenCache(options.cacheFile, cache);
  }
  return collect(wanted, cache);
}

async function searchSiren(baseUrl: string, siren: string, options: EnrichOptions): Promise<SirenInfo | null> {
  const url = `${baseUrl}/search?q=${siren}&minimal=true&include=complements,siege`;
  let answer: SearchAnswer;
  try {
    const response = await httpRequest({
      url,
      headers: { accept: "application/json" },
      retry: options.retry,
      signal: options.signal,
      onRetry: options.onRetry,
    });
    answer = parseJsonBody<SearchAnswer>(response, { method: "GET", url });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new ExtractError({
      code: "enrichment-failed",
      source: url,
      message: `the Recherche d'entreprises lookup of SIREN ${siren} failed: ${error.message}`,
      hint: "answers already fetched are cached; run again later to resume, or disable the enrichment",
      cause: error,
    });
  }
  if (!answer || !Array.isArray(answer.results)) {
    throw new ExtractError({
      code: "enrichment-invalid-answer",
      source: url,
      message: `GET ${url} answered without a "results" array; the API may have changed`,
    });
  }
  const match = (answer.results as SearchResult[]).find((result) => result?.siren === siren);
  return match ? toSirenInfo(siren, match) : null;
}

function toSirenInfo(siren: string, result: SearchResult): SirenInfo {
  const info: SirenInfo = {
    siren,
    nomComplet: typeof result.nom_complet === "string" ? result.nom_complet : "",
    natureJuridique: typeof result.nature_juridique === "string" ? result.nature_juridique : null,
  };
  const complements = result.complements ?? {};
  if (typeof complements.est_service_public === "boolean") info.estServicePublic = complements.est_service_public;
  if (typeof complements.est_administration === "boolean") info.estAdministration = complements.est_administration;
  return info;
}

function collect(sirens: readonly string[], cache: SirenCache): Map<string, SirenInfo> {
  const out = new Map<string, SirenInfo>();
  for (const siren of sirens) {
    const info = cache.get(siren)?.info;
    if (info) out.set(siren, info);
  }
  return out;
}
