import { canonicalJson } from "../../canonical.ts";
import { readCachedBody, writeCachedBody } from "../../raw-cache.ts";
import type { SourceRecord } from "../../types.ts";

/**
 * The records of the last extraction, kept in the source's cache folder so that an
 * incremental run (only the dossiers updated since) can rebuild the full table. Stored as
 * canonical JSON lines, so the file's sha256 is the records' sha256 that the saved state
 * holds: a snapshot newer than the state (written by a run that later failed) is never
 * read in its place, because it does not match that hash.
 */
const KEY = "demarches-simplifiees:snapshot";

export async function readSnapshot(cacheDir: string, sha256: string): Promise<SourceRecord[] | undefined> {
  const body = await readCachedBody(cacheDir, KEY, sha256);
  if (!body) return undefined;
  return body
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as SourceRecord);
}

/** Keeps the snapshot `keepSha256` (the saved state's) until a later run succeeds. */
export async function writeSnapshot(cacheDir: string, records: readonly SourceRecord[], keepSha256: string | undefined): Promise<void> {
  const body = records.map((record) => `${canonicalJson(record)}\n`).join("");
  await writeCachedBody(cacheDir, KEY, Buffer.from(body, "utf8"), [keepSha256]);
}
