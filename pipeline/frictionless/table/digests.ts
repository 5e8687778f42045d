import { createHash, type Hash } from "node:crypto";
import type { DigestAlgorithm } from "./types.ts";

/** Digests of bytes read as a stream, in one pass whatever the number of algorithms. */
export class Digests {
  private readonly hashes: [DigestAlgorithm, Hash][];

  constructor(algorithms: Iterable<DigestAlgorithm>) {
    this.hashes = [...new Set(algorithms)].map((algorithm) => [algorithm, createHash(algorithm)]);
  }

  update(chunk: Uint8Array): void {
    for (const [, hash] of this.hashes) hash.update(chunk);
  }

  /** The hex digests: once, after the last chunk. */
  hex(): Partial<Record<DigestAlgorithm, string>> {
    return Object.fromEntries(this.hashes.map(([algorithm, hash]) => [algorithm, hash.digest("hex")]));
  }
}
