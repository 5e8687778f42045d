import type { Resource } from "../descriptor/types.ts";
import type { ReadStats } from "../table/types.ts";
import type { ErrorCollector } from "./error-collector.ts";
import type { declaredHash } from "./open-resource.ts";

/** A resource's declared hash and size against what was read, in frictionless-py's order: hash, then bytes. */
export function checkBytesAndHash(resource: Resource, stats: ReadStats, hash: ReturnType<typeof declaredHash>, errors: ErrorCollector): void {
  if (hash) {
    const actual = stats.hashes[hash.algorithm];
    if (actual !== undefined && actual !== hash.hex) {
      errors.add("hash-count", { note: `expected is "${hash.hex}" and actual is "${actual}"` });
    }
  }
  if (typeof resource.bytes === "number" && resource.data === undefined && resource.bytes !== stats.bytes) {
    errors.add("byte-count", { note: `expected is "${resource.bytes}" and actual is "${stats.bytes}"` });
  }
}
