import { describe, expect, it } from "vitest";
import { CLEAN_ROW, FAULTY_CHUNK_SETUP } from "../../../../fakes/fixtures/faulty-rows.ts";
import { ChunkChecker, type ChunkSetup } from "./check-chunk.ts";
import { ChunkWorkers } from "./worker-pool.ts";

const setup: ChunkSetup = FAULTY_CHUNK_SETUP;
// Synthetic clean records, no header: a chunk from the middle of a table.
const records = Array.from({ length: 400 }, (_, k) => [`l-${k}`, ...CLEAN_ROW.slice(1)].join(",")).join("\n") + "\n";

/** Resolves once a worker said it is ready for chunks (before, the calling thread checks them). */
async function ready(workers: ChunkWorkers): Promise<void> {
  while (!workers.hasRoom()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("ChunkWorkers", () => {
  it("shares a chunk's buffer with the worker instead of transferring it, and takes it back to read into again", async () => {
    const workers = ChunkWorkers.spawn(1);
    try {
      await workers.configure(setup);
      await ready(workers);
      const encoded = new TextEncoder().encode(records);
      const bytes = workers.allocate(encoded.length);
      bytes.set(encoded);
      expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      const job = { id: 0, bytes, first: false, last: true };
      const result = await workers.check(job);
      // A transferred buffer would be detached here: empty, its bytes gone from this thread.
      expect(bytes.byteLength).toBe(encoded.length);
      expect(Buffer.from(bytes).equals(encoded)).toBe(true);
      expect(result).toEqual(await (await ChunkChecker.create(setup)).check({ id: 0, bytes: encoded, first: false, last: true }));
      expect(result.records).toBe(400);
      // Back from the worker, the same memory is the next buffer handed out.
      const again = workers.allocate(100);
      again[0] = 0x7e;
      expect(bytes[0]).toBe(0x7e);
    } finally {
      await workers.close();
    }
  });
});
