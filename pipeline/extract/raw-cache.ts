import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "./canonical.ts";
import { describeThrown } from "../frictionless/index.ts";

/**
 * Raw bodies kept in the source's cache folder, addressed by their sha256. A source that
 * answers 304 Not Modified is replayed from here: the run needs the full content even when
 * one source is unchanged. Addressing by content matters because the state is saved only
 * after a successful run: after a failed run the cache may hold a newer body than the one
 * the saved state describes, and we must never replay that one in its place. So each key
 * keeps the body the saved state points to and the newest one.
 */

function keyDir(cacheDir: string, key: string): string {
  return join(cacheDir, "raw", sha256Hex(key).slice(0, 24));
}

/** The cached body of `key` whose sha256 is `sha256`, or undefined when absent or damaged. */
export async function readCachedBody(cacheDir: string, key: string, sha256: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(keyDir(cacheDir, key), sha256));
  } catch (error) {
    if (describeThrown(error).systemCode === "ENOENT") return undefined;
    throw error;
  }
  return sha256Hex(bytes) === sha256 ? bytes : undefined;
}

/**
 * Store `bytes` under `key`, atomically, and drop the other bodies of that key except
 * those listed in `keep` (the one the saved state refers to). Returns the body's sha256.
 */
export async function writeCachedBody(cacheDir: string, key: string, bytes: Uint8Array, keep: readonly (string | undefined)[] = []): Promise<string> {
  const dir = keyDir(cacheDir, key);
  const sha256 = sha256Hex(bytes);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${sha256}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temporary, bytes);
  await rename(temporary, join(dir, sha256));
  const kept = new Set([sha256, ...keep.filter((item): item is string => item !== undefined)]);
  for (const name of await readdir(dir)) {
    if (!kept.has(name) && !name.startsWith(".")) await rm(join(dir, name), { force: true });
  }
  return sha256;
}
