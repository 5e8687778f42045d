import { readFile } from "node:fs/promises";
import { describeThrown } from "../../frictionless/index.ts";
import { writeFileAtomic } from "../../state/store.ts";
import { ExtractError } from "../types.ts";
import type { SirenInfo } from "./types.ts";

/**
 * Organisation names change rarely and the API allows 7 calls a second, so answers are kept
 * on disk between runs. A SIREN the API does not know is cached too (as null): asking again
 * every night would spend the quota on the same misses.
 */
export interface SirenCacheEntry {
  info: SirenInfo | null;
  fetchedAt: string;
}

export type SirenCache = Map<string, SirenCacheEntry>;

interface CacheFile {
  version: 1;
  entries: Record<string, SirenCacheEntry>;
}

export async function readSirenCache(file: string): Promise<SirenCache> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const thrown = describeThrown(error);
    if (thrown.systemCode === "ENOENT") return new Map();
    throw new ExtractError({ code: "enrichment-cache", source: file, message: `cannot read the SIREN cache ${file}: ${thrown.message}`, cause: error });
  }
  let parsed: Partial<CacheFile>;
  try {
    parsed = JSON.parse(text) as Partial<CacheFile>;
  } catch (error) {
    throw new ExtractError({
      code: "enrichment-cache",
      source: file,
      message: `the SIREN cache ${file} is not valid JSON`,
      hint: "delete the file: the next run fetches the organisations again",
      cause: error,
    });
  }
  if (parsed.version !== 1 || typeof parsed.entries !== "object" || parsed.entries === null) {
    throw new ExtractError({
      code: "enrichment-cache",
      source: file,
      message: `the SIREN cache ${file} does not have the expected shape ({ version: 1, entries })`,
      hint: "delete the file: the next run fetches the organisations again",
    });
  }
  return new Map(Object.entries(parsed.entries));
}

/** Written atomically, so that a killed run leaves the old cache whole. */
export async function writeSirenCache(file: string, cache: SirenCache): Promise<void> {
  const content: CacheFile = { version: 1, entries: Object.fromEntries([...cache].sort(([a], [b]) => a.localeCompare(b))) };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
}

export function isFresh(entry: SirenCacheEntry, maxAgeDays: number, now: Date): boolean {
  const age = now.getTime() - Date.parse(entry.fetchedAt);
  return Number.isFinite(age) && age <= maxAgeDays * 86_400_000;
}
