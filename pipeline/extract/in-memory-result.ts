import type { ConnectorState, ExtractResult, Provenance, SourceRecord } from "./types.ts";
import { RecordDigest } from "./canonical.ts";
import { extractResult } from "./result.ts";

export interface InMemoryResultInit {
  /** Every record of the source, already fetched (API sources answer in pages, not streams). */
  records: readonly SourceRecord[];
  /** sha256 the last successful run recorded; equal records mean an unchanged source. */
  previousSha256: string | undefined;
  /** Everything but the record count and hash, computed here. */
  provenance: Omit<Provenance, "records" | "sha256">;
  /** State to save, given the sha256 of these records. */
  nextState: (sha256: string) => ConnectorState;
}

/**
 * Result of an API connector. APIs have no ETag for "the whole table", so a source is
 * unchanged when its records, as canonical JSON, hash to what the last successful run saw.
 */
export function inMemoryResult(init: InMemoryResultInit): ExtractResult {
  const digest = new RecordDigest();
  for (const record of init.records) digest.add(record);
  const { sha256 } = digest.finish();
  async function* replay(): AsyncGenerator<SourceRecord> {
    yield* init.records;
  }
  return extractResult({
    changed: sha256 !== init.previousSha256,
    records: replay(),
    provenance: { ...init.provenance, sha256 },
    nextState: () => init.nextState(sha256),
  });
}

/** The records hash a connector saved as `{ sha256 }`, when the state holds one. */
export function savedSha256(state: ConnectorState | undefined): string | undefined {
  return typeof state?.sha256 === "string" ? state.sha256 : undefined;
}
