import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import { DigestThread } from "./digest-thread.ts";

// Synthetic bytes, longer than several of the thread's reads, with every byte value in them.
const BYTES = Buffer.from(Array.from({ length: 10_000 }, (_, k) => (k * 7 + (k >> 8)) % 256));

const hex = (algorithm: string, bytes: Uint8Array): string => createHash(algorithm).update(bytes).digest("hex");

describe("DigestThread", () => {
  it("digests the file's bytes as one sequential read does, in pieces of any size", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    for (const piece of [1, 999, 4096, 1 << 20]) {
      const thread = new DigestThread(path, BYTES.length, ["md5", "sha256", "sha1", "md5"], piece);
      const { bytes, hashes } = await thread.result();
      await thread.stop();
      expect(bytes).toBe(BYTES.length);
      expect(hashes).toEqual({ md5: hex("md5", BYTES), sha256: hex("sha256", BYTES), sha1: hex("sha1", BYTES) });
    }
  });

  it("digests only the planned range, and says how much it read of a file shorter than planned", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    const first = new DigestThread(path, 1234, ["sha256"], 100);
    expect(await first.result()).toEqual({ bytes: 1234, hashes: { sha256: hex("sha256", BYTES.subarray(0, 1234)) } });
    const longer = new DigestThread(path, BYTES.length + 50, ["md5"], 4096);
    expect(await longer.result()).toEqual({ bytes: BYTES.length, hashes: { md5: hex("md5", BYTES) } });
    await Promise.all([first.stop(), longer.stop()]);
  });

  it("fails with the reason when the file cannot be read, and stops at once when asked", async () => {
    const dir = await folderWith({ "table.csv": BYTES });
    const missing = new DigestThread(join(dir, "absent.csv"), 10, ["md5"]);
    await expect(missing.result()).rejects.toThrow(/ENOENT/);
    await missing.stop();
    const stopped = new DigestThread(join(dir, "table.csv"), BYTES.length, ["md5"], 1);
    await stopped.stop();
    await expect(stopped.result()).rejects.toThrow(/stopped \(exit code \d+\) before it gave the digests/);
  });
});
