import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import { DigestMessages, FileDigest, isDigestMessage } from "./file-digest.ts";
import { ChunkWorkers } from "./worker-pool.ts";

// Synthetic bytes, longer than several of the digest's reads, with every byte value in them.
const BYTES = Buffer.from(Array.from({ length: 10_000 }, (_, k) => (k * 7 + (k >> 8)) % 256));

const hex = (algorithm: string, bytes: Uint8Array): string => createHash(algorithm).update(bytes).digest("hex");

describe("FileDigest", () => {
  it("digests the file's bytes as one sequential read does, however far each step goes and whatever the piece size", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    for (const piece of [1, 999, 4096, 1 << 20]) {
      const digest = new FileDigest({ path, size: BYTES.length, algorithms: ["md5", "sha256", "sha1", "md5"] }, piece);
      // Steps forward, back (a record read again) and past the end.
      for (const to of [0, 17, 5000, 4000, 9999, 20_000]) digest.advance(to);
      expect(digest.finish()).toEqual({ bytes: BYTES.length, hashes: { md5: hex("md5", BYTES), sha256: hex("sha256", BYTES), sha1: hex("sha1", BYTES) } });
    }
  });

  it("digests only the planned range, and says how much it read of a file shorter than planned", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    const first = new FileDigest({ path, size: 1234, algorithms: ["sha256"] }, 100);
    first.advance(5000);
    expect(first.finish()).toEqual({ bytes: 1234, hashes: { sha256: hex("sha256", BYTES.subarray(0, 1234)) } });
    const longer = new FileDigest({ path, size: BYTES.length + 50, algorithms: ["md5"] }, 4096);
    expect(longer.finish()).toEqual({ bytes: BYTES.length, hashes: { md5: hex("md5", BYTES) } });
  });

  it("fails with the reason when the file cannot be read", async () => {
    const dir = await folderWith({ "table.csv": BYTES });
    expect(() => new FileDigest({ path: join(dir, "absent.csv"), size: 10, algorithms: ["md5"] }).advance(5)).toThrow(/ENOENT/);
  });
});

describe("DigestMessages (a checker thread's side)", () => {
  it("follows start, offsets and end, and answers the end only", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    const thread = new DigestMessages(512);
    const messages = [{ digest: { path, size: BYTES.length, algorithms: ["sha256" as const] } }, { digestTo: 700 }, { digestTo: 9000 }];
    for (const message of messages) {
      expect(isDigestMessage(message)).toBe(true);
      expect(thread.receive(message)).toBeUndefined();
    }
    expect(isDigestMessage({ id: 3, bytes: BYTES, first: false, last: false })).toBe(false);
    expect(thread.receive({ digestEnd: true })).toEqual({ digests: { bytes: BYTES.length, hashes: { sha256: hex("sha256", BYTES) } } });
  });

  it("keeps a read failure and tells it at the end, as it tells an end without a start", async () => {
    const dir = await folderWith({ "table.csv": BYTES });
    const thread = new DigestMessages();
    thread.receive({ digest: { path: join(dir, "absent.csv"), size: 10, algorithms: ["md5"] } });
    expect(thread.receive({ digestTo: 5 })).toBeUndefined();
    expect(thread.receive({ digestTo: 10 })).toBeUndefined();
    expect(thread.receive({ digestEnd: true })).toEqual({ digestFailure: expect.stringMatching(/ENOENT/) });
    expect(new DigestMessages().receive({ digestEnd: true })).toEqual({ digestFailure: "no digest was started" });
  });
});

describe("the digests on a checker thread (ChunkWorkers)", () => {
  it("keeps up with the offsets it is given and gives the digests of the whole range when asked", async () => {
    const path = join(await folderWith({ "table.csv": BYTES }), "table.csv");
    const workers = ChunkWorkers.spawn(2);
    try {
      await workers.configure({ format: { format: "csv", encoding: undefined, dialect: undefined, limits: {} as never }, schema: { fields: [], missingValues: [""] }, columns: [], width: 0, foreignKeys: [], errorOptions: {} });
      workers.startDigest({ path, size: BYTES.length, algorithms: ["md5", "sha256"] });
      for (const to of [100, 6000, 3000]) workers.digestTo(to);
      expect(await workers.digests()).toEqual({ bytes: BYTES.length, hashes: { md5: hex("md5", BYTES), sha256: hex("sha256", BYTES) } });
    } finally {
      await workers.close();
    }
  });

  it("tells why a file could not be digested, when the digests are asked for", async () => {
    const dir = await folderWith({ "table.csv": BYTES });
    const workers = ChunkWorkers.spawn(2);
    try {
      await workers.configure({ format: { format: "csv", encoding: undefined, dialect: undefined, limits: {} as never }, schema: { fields: [], missingValues: [""] }, columns: [], width: 0, foreignKeys: [], errorOptions: {} });
      workers.startDigest({ path: join(dir, "absent.csv"), size: 10, algorithms: ["md5"] });
      workers.digestTo(10);
      await expect(workers.digests()).rejects.toThrow(/the file could not be digested: .*ENOENT/);
    } finally {
      await workers.close();
    }
  });
});
