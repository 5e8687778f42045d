import { closeSync, openSync, readSync } from "node:fs";
import { Digests } from "../../table/digests.ts";
import type { DigestAlgorithm } from "../../table/types.ts";

/** What was digested: how many bytes from the file's start, and their hex digests. */
export interface FileDigests {
  bytes: number;
  hashes: Partial<Record<DigestAlgorithm, string>>;
}

/** What a checker thread is told to digest: the file's first `size` bytes. */
export interface DigestJob {
  path: string;
  size: number;
  algorithms: DigestAlgorithm[];
}

/** Bytes read at a time: large enough that a read costs little, small enough to stay in cache while digested. */
const PIECE_BYTES = 1024 * 1024;

/**
 * The digests of a file's first `size` bytes, read again from the file (from the page cache:
 * the calling thread just read them for the chunks) by one of the checker threads, as far as
 * it is told (`advance`). It keeps pace with the chunks read, between the chunks it checks:
 * that thread then takes fewer chunks, and the digests are ready when the last chunk is. (A
 * thread of its own for them cost about 75 ms of CPU only to start, on 2 cores.) The bytes
 * digested are those the checkers got unless the file changes meanwhile, which the caller
 * sees by comparing `bytes` with what it read.
 */
export class FileDigest {
  private readonly digests: Digests;
  private readonly buffer: Buffer;
  private fd: number | undefined;
  private done = 0;
  private ended = false;

  constructor(
    private readonly job: DigestJob,
    pieceBytes = PIECE_BYTES,
  ) {
    this.digests = new Digests(job.algorithms);
    this.buffer = Buffer.allocUnsafe(pieceBytes);
  }

  /** Digests the bytes up to `offset` (at most the planned size, or the file's end) not digested yet. */
  advance(offset: number): void {
    const to = Math.min(offset, this.job.size);
    if (this.ended || this.done >= to) return;
    this.fd ??= openSync(this.job.path, "r");
    while (this.done < to) {
      const read = readSync(this.fd, this.buffer, 0, Math.min(this.buffer.length, to - this.done), this.done);
      if (read === 0) {
        // The file is shorter than planned: what was read is all there is.
        this.ended = true;
        break;
      }
      this.digests.update(this.buffer.subarray(0, read));
      this.done += read;
    }
  }

  /** Digests what is left of the planned size and gives the digests; once. */
  finish(): FileDigests {
    try {
      this.advance(this.job.size);
    } finally {
      this.close();
    }
    return { bytes: this.done, hashes: this.digests.hex() };
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** What the calling thread tells the thread that digests: start, go as far as an offset, give the digests. */
export type DigestMessage = { digest: DigestJob } | { digestTo: number } | { digestEnd: true };

/** The digesting thread's answer to `digestEnd`. */
export type DigestAnswer = { digests: FileDigests } | { digestFailure: string };

export function isDigestMessage(message: object): message is DigestMessage {
  return "digest" in message || "digestTo" in message || "digestEnd" in message;
}

/**
 * The digests' side of a checker thread: it follows the calling thread's messages and answers
 * `digestEnd` only. A failure to read is kept and told with that answer, as the chunks' are.
 */
export class DigestMessages {
  private digest: FileDigest | undefined;
  private failure: unknown;

  constructor(private readonly pieceBytes = PIECE_BYTES) {}

  /** Follows one message; returns the answer to send back, if it needs one. */
  receive(message: DigestMessage): DigestAnswer | undefined {
    try {
      if ("digest" in message) this.digest = new FileDigest(message.digest, this.pieceBytes);
      else if ("digestTo" in message) {
        if (this.failure === undefined) this.digest?.advance(message.digestTo);
      } else {
        if (this.failure !== undefined) throw this.failure;
        if (this.digest === undefined) throw new Error("no digest was started");
        return { digests: this.digest.finish() };
      }
    } catch (cause) {
      this.digest?.close();
      if ("digestEnd" in message) return { digestFailure: cause instanceof Error ? cause.message : String(cause) };
      this.failure = cause;
    }
    return undefined;
  }
}
