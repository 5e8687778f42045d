import { Worker } from "node:worker_threads";
import type { ChunkJob, ChunkResult, ChunkSetup } from "./check-chunk.ts";
import type { DigestAnswer, DigestJob, FileDigests } from "./file-digest.ts";
import { builtWorkerCode, workerCode, type WorkerCode } from "./worker-script.ts";

/**
 * Chunks a worker thread has at once: the one it checks, and the next one waiting, so that it
 * never waits for the calling thread to send it work while that thread merges a result.
 */
const QUEUED_PER_WORKER = 2;

interface Pending {
  resolve: (result: ChunkResult) => void;
  reject: (cause: Error) => void;
}

/**
 * The worker threads that check the chunks of one table (`ChunkChecker`): one per core but the
 * calling thread's, which reads the file, hands the chunks out, merges the results and checks
 * chunks when it would otherwise wait (`validateInParallel`). A worker always has the next chunk
 * in hand before it finishes one, so that it never waits for the calling thread to finish its
 * own. The threads start at once (`spawn`), while the table's header and foreign keys are read,
 * and learn what to check when `configure`d.
 */
export class ChunkWorkers {
  private workers: Worker[] = [];
  private pending: Map<number, Pending>[] = [];
  /** Workers that said they are ready for chunks: until then, the calling thread checks them. */
  private ready: boolean[] = [];
  private closed = false;
  private readonly started: Promise<void>;
  /**
   * Chunk buffers back from the checkers, to read the next chunks into. Allocating a fresh
   * buffer per chunk left the freed ones in the allocator's arenas: 100 MB more RSS at 4 MB chunks.
   */
  private readonly spare: SharedArrayBuffer[] = [];
  /** The file's digests, asked of the first thread (`digestsOf`). */
  private digestsAsked: { resolve: (digests: FileDigests) => void; reject: (cause: Error) => void } | undefined;

  /** Threads started before the table was planned (`startEarly`), waiting for the `spawn` that takes them. */
  private static early: ChunkWorkers | undefined;
  private readonly threads: number;

  private constructor(threads: number) {
    this.threads = threads;
    // The built program's threads start now, not once a promise settles: the caller may go on
    // loading modules for a while, and the threads boot meanwhile on the other cores.
    const built = builtWorkerCode();
    this.started = built === undefined ? workerCode().then((code) => this.start(code)) : Promise.resolve(this.start(built));
  }

  private start(code: WorkerCode): void {
    if (this.closed) return;
    // No execArgv: the code is plain JavaScript, and a loader such as tsx's would only slow its start.
    const start = (): Worker => ("file" in code ? new Worker(code.file, { execArgv: [] }) : new Worker(code.script, { eval: true, execArgv: [] }));
    this.workers = Array.from({ length: this.threads }, start);
    this.pending = this.workers.map(() => new Map());
    this.ready = this.workers.map(() => false);
    this.workers.forEach((worker, k) => this.listen(worker, k));
  }

  /** Threads for a table's chunks: those started early when there are as many, else new ones. */
  static spawn(threads: number): ChunkWorkers {
    const early = ChunkWorkers.early;
    ChunkWorkers.early = undefined;
    if (early?.threads === threads) return early;
    void early?.close();
    return new ChunkWorkers(threads);
  }

  /**
   * Starts threads before the table that will likely need them is planned: a thread takes about
   * as long to load its code as the calling thread to read and check the table's schema, and
   * both then happen at once. The next `spawn` takes them; `dropEarly` stops them if none does.
   * Threads already started early, as many, are kept: `aap` starts them before it loads the core.
   */
  static startEarly(threads: number): ChunkWorkers {
    if (ChunkWorkers.early?.threads === threads) return ChunkWorkers.early;
    void ChunkWorkers.early?.close();
    ChunkWorkers.early = new ChunkWorkers(threads);
    return ChunkWorkers.early;
  }

  /** Stops the threads started early that no table took. */
  static async dropEarly(): Promise<void> {
    const early = ChunkWorkers.early;
    ChunkWorkers.early = undefined;
    await early?.close();
  }

  /**
   * Tells the threads what to check; before, they wait (and would not keep the process alive).
   * They take custom checks from the module that `setup.checks` names.
   */
  async configure(setup: ChunkSetup): Promise<void> {
    await this.started;
    for (const worker of this.workers) {
      worker.ref();
      worker.postMessage({ setup });
    }
  }

  private listen(worker: Worker, k: number): void {
    const pending = this.pending[k] as Map<number, Pending>;
    // Until configured, an unused worker must not keep the process alive.
    worker.unref();
    const failAll = (cause: Error): void => {
      for (const { reject } of pending.values()) reject(cause);
      pending.clear();
      if (worker === this.workers[0]) this.digestsAsked?.reject(cause);
    };
    type Answer = { result: ChunkResult; bytes: Uint8Array } | { id: number; failure: string } | { ready: true } | DigestAnswer;
    worker.on("message", (message: Answer) => {
      if ("ready" in message) {
        this.ready[k] = true;
        return;
      }
      if ("digests" in message || "digestFailure" in message) {
        if ("digests" in message) this.digestsAsked?.resolve(message.digests);
        else this.digestsAsked?.reject(new Error(`the file could not be digested: ${message.digestFailure}`));
        this.digestsAsked = undefined;
        return;
      }
      const id = "result" in message ? message.result.id : message.id;
      if ("bytes" in message) this.recycle(message.bytes);
      const waiting = pending.get(id);
      pending.delete(id);
      if ("result" in message) waiting?.resolve(message.result);
      else waiting?.reject(new Error(`validation worker failed on chunk ${id}: ${message.failure}`));
    });
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`validation worker stopped (exit code ${code})`)));
  }

  /**
   * Checks a chunk on the least busy worker, a ready one first. Its bytes are shared, not
   * transferred: the caller must not write them until they come back (`recycle`).
   */
  check(job: ChunkJob): Promise<ChunkResult> {
    if (this.workers.length === 0) throw new Error("ChunkWorkers.check before the threads started");
    let k = 0;
    for (let j = 1; j < this.workers.length; j++) if (this.load(j) < this.load(k)) k = j;
    return new Promise((resolve, reject) => {
      (this.pending[k] as Map<number, Pending>).set(job.id, { resolve, reject });
      // No transfer list: see `allocate`.
      (this.workers[k] as Worker).postMessage(job);
    });
  }

  /**
   * Has the first thread digest the file's first `job.size` bytes, between the chunks it
   * checks, as far as `digestTo` says: it then takes fewer chunks (`check` picks the least busy).
   */
  startDigest(job: DigestJob): void {
    this.first().postMessage({ digest: job });
  }

  /** The bytes read so far for the chunks: the digests keep up with them. */
  digestTo(offset: number): void {
    this.first().postMessage({ digestTo: offset });
  }

  /** The digests of the whole planned range (read to its end first). */
  digests(): Promise<FileDigests> {
    return new Promise((resolve, reject) => {
      this.digestsAsked = { resolve, reject };
      this.first().postMessage({ digestEnd: true });
    });
  }

  private first(): Worker {
    const worker = this.workers[0];
    if (worker === undefined) throw new Error("ChunkWorkers: digests asked before the threads started");
    return worker;
  }

  /**
   * A worker is ready and has fewer chunks than its queue holds: the next chunk is for it. While
   * the workers start, the calling thread checks the chunks in file order, and merges as it goes.
   */
  hasRoom(): boolean {
    for (let k = 0; k < this.workers.length; k++) if (this.ready[k] === true && this.busy(k) < QUEUED_PER_WORKER) return true;
    return false;
  }

  /** Chunks to have in flight at once: enough for every worker's queue. */
  get window(): number {
    return this.workers.length * QUEUED_PER_WORKER;
  }

  /** A worker's chunks, as a worker not ready yet counts: as one with a full queue. */
  private load(worker: number): number {
    return this.busy(worker) + (this.ready[worker] === true ? 0 : QUEUED_PER_WORKER);
  }

  private busy(worker: number): number {
    return (this.pending[worker] as Map<number, Pending>).size;
  }

  /** A checked chunk's buffer (back from a worker, or checked on the calling thread): read into again. */
  recycle(bytes: Uint8Array): void {
    if (bytes.buffer instanceof SharedArrayBuffer) this.spare.push(bytes.buffer);
  }

  /**
   * A buffer for at least `size` bytes, reused when one is back. It is shared memory, which a
   * message to a thread shares without detaching it. Transferring an ArrayBuffer detaches it, and
   * the first detach in a thread makes V8 throw away all its optimised code that reads typed
   * arrays (it had assumed no buffer is ever detached) and compile it again, with a check more
   * on every read: on the 1M-row bench, both threads' first full chunks ran 8 to 20 times slower.
   */
  allocate(size: number): Uint8Array {
    const k = this.spare.findIndex((buffer) => buffer.byteLength >= size);
    const buffer = k === -1 ? new SharedArrayBuffer(size) : (this.spare.splice(k, 1)[0] as SharedArrayBuffer);
    return new Uint8Array(buffer, 0, size);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.started;
    for (const pending of this.pending) pending.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
