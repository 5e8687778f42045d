import { Worker } from "node:worker_threads";
import type { DigestAlgorithm } from "../../table/types.ts";

/** What the digest thread read: how many bytes from the file's start, and their hex digests. */
export interface FileDigests {
  bytes: number;
  hashes: Partial<Record<DigestAlgorithm, string>>;
}

/** Bytes read at a time: large enough that a read costs little, small enough to stay in cache while digested. */
const PIECE_BYTES = 1024 * 1024;

/**
 * The thread's code: plain CommonJS using only Node's modules, so it needs no build and starts
 * in a few milliseconds. It reads [0, size) of the file in order and digests it: md5 alone
 * costs about as much as tokenizing a quarter of the file, which the thread that merges the
 * chunks cannot spare.
 */
const SCRIPT = `
const { parentPort, workerData } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { path, size, algorithms, pieceBytes } = workerData;
const hashes = algorithms.map((algorithm) => createHash(algorithm));
const buffer = Buffer.allocUnsafe(pieceBytes);
const fd = openSync(path, "r");
let bytes = 0;
try {
  while (bytes < size) {
    const read = readSync(fd, buffer, 0, Math.min(pieceBytes, size - bytes), bytes);
    if (read === 0) break;
    const piece = buffer.subarray(0, read);
    for (const hash of hashes) hash.update(piece);
    bytes += read;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage({ bytes, hashes: Object.fromEntries(algorithms.map((algorithm, k) => [algorithm, hashes[k].digest("hex")])) });
`;

/**
 * Digests of a file's first `size` bytes, computed on a thread of their own while the chunks
 * are checked. The file is read a second time for them (from the page cache, as it was just
 * read): the bytes digested are those the checkers got unless the file changes meanwhile,
 * which the caller sees by comparing `bytes` with what it read.
 */
export class DigestThread {
  private readonly worker: Worker;
  private readonly digests: Promise<FileDigests>;

  constructor(path: string, size: number, algorithms: readonly DigestAlgorithm[], pieceBytes = PIECE_BYTES) {
    this.worker = new Worker(SCRIPT, { eval: true, execArgv: [], workerData: { path, size, algorithms: [...new Set(algorithms)], pieceBytes } });
    this.digests = new Promise((resolve, reject) => {
      this.worker.once("message", resolve);
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`the digest thread stopped (exit code ${code}) before it gave the digests`)));
    });
    // Dropped when the run stops early: never an unhandled rejection.
    this.digests.catch(() => undefined);
  }

  /** The digests, once the whole range is read. */
  result(): Promise<FileDigests> {
    return this.digests;
  }

  /** Stops the thread, whether or not it finished: the digests of a run stopped early are not reported. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
