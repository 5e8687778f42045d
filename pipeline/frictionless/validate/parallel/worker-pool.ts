import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkJob, ChunkResult, ChunkSetup } from "./check-chunk.ts";

let script: Promise<string> | undefined;

/**
 * The worker's code as one plain script, bundled once per process by esbuild (the compiler
 * tsx runs on). Why not start the worker on the TypeScript sources through tsx: each worker
 * would then load tsx and compile the core module by module, about 0.5 s apiece, as long as
 * the validation it is there to shorten; the bundle starts in a few tens of milliseconds.
 */
function workerScript(): Promise<string> {
  script ??= import("esbuild").then(({ build }) =>
    build({
    entryPoints: [fileURLToPath(new URL("./chunk-worker.ts", import.meta.url))],
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
    }),
  ).then((out) => (out.outputFiles[0] as { text: string }).text);
  return script;
}

interface Pending {
  resolve: (result: ChunkResult) => void;
  reject: (cause: Error) => void;
}

/** Worker threads that check chunks of one table (`ChunkChecker`), each job on the least busy. */
export class ChunkWorkers {
  private readonly pending: Map<number, Pending>[];

  private constructor(private readonly workers: Worker[]) {
    this.pending = workers.map(() => new Map());
    workers.forEach((worker, k) => {
      const pending = this.pending[k] as Map<number, Pending>;
      const failAll = (cause: Error): void => {
        for (const { reject } of pending.values()) reject(cause);
        pending.clear();
      };
      worker.on("message", (message: { result: ChunkResult } | { id: number; failure: string }) => {
        const id = "result" in message ? message.result.id : message.id;
        const waiting = pending.get(id);
        pending.delete(id);
        if ("result" in message) waiting?.resolve(message.result);
        else waiting?.reject(new Error(`validation worker failed on chunk ${id}: ${message.failure}`));
      });
      worker.on("error", failAll);
      worker.on("exit", (code) => failAll(new Error(`validation worker stopped (exit code ${code})`)));
    });
  }

  static async start(count: number, setup: ChunkSetup): Promise<ChunkWorkers> {
    const code = await workerScript();
    return new ChunkWorkers(Array.from({ length: count }, () => new Worker(code, { eval: true, workerData: setup })));
  }

  /** Checks a chunk; its bytes are handed over to the worker (the caller must not use them again). */
  check(job: ChunkJob): Promise<ChunkResult> {
    let k = 0;
    for (let j = 1; j < this.workers.length; j++) if ((this.pending[j] as Map<number, Pending>).size < (this.pending[k] as Map<number, Pending>).size) k = j;
    return new Promise((resolve, reject) => {
      (this.pending[k] as Map<number, Pending>).set(job.id, { resolve, reject });
      (this.workers[k] as Worker).postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    for (const pending of this.pending) pending.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
