import { createHash, type Hash } from "node:crypto";

/**
 * API sources have no file whose bytes we could hash, and the same records can come back
 * in answers that differ only by key order or whitespace. Hashing the records as canonical
 * JSON (keys sorted, dates as ISO strings) gives one digest per content, so "unchanged"
 * means the data is the same, not that the server happened to format it the same way.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

function canonicalValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonicalValue(item)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonicalValue(item);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** sha256 and byte count of a stream of records, one canonical JSON line each. */
export class RecordDigest {
  private readonly hash: Hash = createHash("sha256");
  private count = 0;
  private size = 0;

  add(record: unknown): void {
    const line = `${canonicalJson(record)}\n`;
    this.hash.update(line);
    this.size += Buffer.byteLength(line);
    this.count++;
  }

  /** Call once, after the last record. */
  finish(): { sha256: string; records: number; bytes: number } {
    return { sha256: this.hash.digest("hex"), records: this.count, bytes: this.size };
  }
}
