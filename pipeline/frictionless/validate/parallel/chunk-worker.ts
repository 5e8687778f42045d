import { parentPort, workerData } from "node:worker_threads";
import { ChunkChecker, type ChunkJob, type ChunkSetup } from "./check-chunk.ts";

// A worker thread of `ChunkWorkers`: checks the chunks it is sent, one message each way.
const checker = new ChunkChecker(workerData as ChunkSetup);
const port = parentPort;
if (port === null) throw new Error("chunk-worker.ts runs as a worker thread");
port.on("message", (job: ChunkJob) => {
  checker.check(job).then(
    // The chunk's buffer goes back too, to be read into again.
    (result) => port.postMessage({ result, bytes: job.bytes }, [result.rowNumbers.buffer, result.hashes.buffer, job.bytes.buffer as ArrayBuffer]),
    (cause: unknown) => port.postMessage({ id: job.id, failure: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }),
  );
});
