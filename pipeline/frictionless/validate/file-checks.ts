import type { Resource } from "../descriptor/types.ts";
import type { DigestAlgorithm, ReadStats } from "../table/types.ts";
import type { ErrorCollector } from "./error-collector.ts";

export interface DeclaredHash {
  algorithm: DigestAlgorithm;
  hex: string;
}

/**
 * The hash a resource declares, to check: `sha256:<hex>`, `md5:<hex>` or a bare md5. Another
 * algorithm (`sha1:`, `sha512:`) is ignored with frictionless-py's warning.
 */
export function declaredHash(resource: Resource, warnings: string[]): DeclaredHash | undefined {
  if (typeof resource.hash !== "string" || resource.hash === "") return undefined;
  const match = /^([a-z0-9-]+):(.*)$/i.exec(resource.hash);
  const algorithm = match ? (match[1] as string).toLowerCase() : "md5";
  if (algorithm !== "md5" && algorithm !== "sha256") {
    warnings.push("hash is ignored; supported algorithms: md5/sha256");
    return undefined;
  }
  return { algorithm, hex: (match ? (match[2] as string) : resource.hash).toLowerCase() };
}

/** The digests to compute while reading: the declared hash's, and md5 and sha256 when asked for (frictionless-py's stats). */
export function digestsToCompute(hash: DeclaredHash | undefined, statsHashes: boolean | undefined): DigestAlgorithm[] {
  // A repeat (a declared sha256 also asked for) is computed once: `Digests` keeps one of each.
  return [...(hash ? [hash.algorithm] : []), ...(statsHashes ? (["md5", "sha256"] as const) : [])];
}

/** A resource's declared hash and size against what was read, in frictionless-py's order: hash, then bytes. */
export function checkBytesAndHash(resource: Resource, stats: ReadStats, hash: DeclaredHash | undefined, errors: ErrorCollector): void {
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
