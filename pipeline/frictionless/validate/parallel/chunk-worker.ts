import { parentPort } from "node:worker_threads";
import { ChunkChecker, type ChunkJob, type ChunkSetup } from "./check-chunk.ts";
import { FileDigest, type DigestJob } from "./file-digest.ts";

// A worker thread of `ChunkWorkers`: first told what to check, then checks the chunks it is
// sent, one message each way. One of them also digests the file, as far as it is told
// between chunks, and gives the digests when asked (see `FileDigest`).
const port = parentPort;
if (port === null) throw new Error("chunk-worker.ts runs as a worker thread");
let checker: Promise<ChunkChecker> | undefined;
let digest: FileDigest | undefined;
/** Why the file could not be digested: told when the digests are asked for. */
let digestFailure: unknown;
type DigestMessage = { digest: DigestJob } | { digestTo: number } | { digestEnd: true };
port.on("message", (message: { setup: ChunkSetup } | ChunkJob | DigestMessage) => {
  if ("digest" in message || "digestTo" in message || "digestEnd" in message) {
    onDigestMessage(message);
    return;
  }
  if ("setup" in message) {
    // Its custom checks' module is imported, and their factories run, before the first chunk is checked.
    checker = ChunkChecker.create(message.setup);
    // A failure to start is told with the first chunk's answer.
    checker.catch(() => undefined);
    return;
  }
  const job = message;
  (checker as Promise<ChunkChecker>).then((ready) => ready.check(job)).then(
    // The chunk's buffer goes back too, to be read into again.
    (result) => port.postMessage({ result, bytes: job.bytes }, [result.rowNumbers.buffer, result.hashes.buffer, job.bytes.buffer as ArrayBuffer]),
    (cause: unknown) => port.postMessage({ id: job.id, failure: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }),
  );
});

function onDigestMessage(message: DigestMessage): void {
  if ("digest" in message) digest = new FileDigest(message.digest);
  else if ("digestTo" in message) {
    try {
      if (digestFailure === undefined) digest?.advance(message.digestTo);
    } catch (cause) {
      digestFailure = cause;
      digest?.close();
    }
  } else {
    try {
      if (digestFailure !== undefined) throw digestFailure;
      port?.postMessage({ digests: (digest as FileDigest).finish() });
    } catch (cause) {
      port?.postMessage({ digestFailure: cause instanceof Error ? cause.message : String(cause) });
    }
  }
}
