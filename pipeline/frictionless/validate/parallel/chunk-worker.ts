import { parentPort } from "node:worker_threads";
import { ChunkChecker, type ChunkJob, type ChunkSetup } from "./check-chunk.ts";
import { DigestMessages, isDigestMessage, type DigestMessage } from "./file-digest.ts";

// A worker thread of `ChunkWorkers`: first told what to check, then checks the chunks it is
// sent, one message each way. One of them also digests the file, as far as it is told
// between chunks, and gives the digests when asked (see `FileDigest`).
const port = parentPort;
if (port === null) throw new Error("chunk-worker.ts runs as a worker thread");
let checker: Promise<ChunkChecker> | undefined;
/** The last chunk's check, done or not. */
let previous: Promise<unknown> = Promise.resolve();
const digests = new DigestMessages();
port.on("message", (message: { setup: ChunkSetup } | ChunkJob | DigestMessage) => {
  if (isDigestMessage(message)) {
    const answer = digests.receive(message);
    if (answer !== undefined) port.postMessage(answer);
    return;
  }
  if ("setup" in message) {
    // Its custom checks' module is imported, and their factories run, before the first chunk is checked.
    checker = ChunkChecker.create(message.setup);
    // Ready for chunks; a failure to start is told with the first chunk's answer.
    const ready = (): void => port.postMessage({ ready: true });
    checker.then(ready, ready);
    return;
  }
  const job = message;
  // One chunk after the other, in the order sent: the chunks queued for this thread arrive
  // together, and a check started while another awaits would cut with a tokenizer of its own
  // (see `ChunkChecker.check`) rather than reuse the thread's arrays.
  const checked = previous.then(() => checker as Promise<ChunkChecker>).then((ready) => ready.check(job));
  previous = checked.catch(() => undefined);
  checked.then(
    // The chunk's buffer goes back too, to be read into again. Nothing is transferred, as
    // nothing was to this thread: a detached buffer costs each thread its optimised code (see
    // `ChunkWorkers.allocate`). The results are copied (12 bytes a row); the buffer is shared.
    (result) => port.postMessage({ result, bytes: job.bytes }),
    (cause: unknown) => port.postMessage({ id: job.id, failure: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }),
  );
});

