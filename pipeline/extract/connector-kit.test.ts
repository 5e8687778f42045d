import { join } from "node:path";
import { readdir, writeFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../fakes/fixtures/temp-folder.ts";
import { canonicalJson, RecordDigest, sha256Hex } from "./canonical.ts";
import { readCachedBody, writeCachedBody } from "./raw-cache.ts";
import { readSecret } from "./secrets.ts";

describe("canonical JSON", () => {
  it("gives the same text, hence the same hash, whatever the key order", () => {
    const a = { nom: "Projet fictif A", montant: 1000, details: { b: 2, a: [1, { y: true, x: null }] } };
    const b = { details: { a: [1, { x: null, y: true }], b: 2 }, montant: 1000, nom: "Projet fictif A" };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson({ date: new Date("2026-01-15T08:00:00Z"), absent: undefined })).toBe('{"date":"2026-01-15T08:00:00.000Z"}');
  });

  it("digests records so that a changed value changes the hash", () => {
    const digest = (records: unknown[]) => {
      const d = new RecordDigest();
      records.forEach((record) => d.add(record));
      return d.finish();
    };
    const before = digest([{ code: "AAP-FICTIF-1", montant: 10 }, { code: "AAP-FICTIF-2", montant: 20 }]);
    expect(before.records).toBe(2);
    expect(digest([{ montant: 10, code: "AAP-FICTIF-1" }, { montant: 20, code: "AAP-FICTIF-2" }]).sha256).toBe(before.sha256);
    expect(digest([{ code: "AAP-FICTIF-1", montant: 10 }, { code: "AAP-FICTIF-2", montant: 21 }]).sha256).not.toBe(before.sha256);
  });
});

describe("raw-body cache", () => {
  let temp: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it("keeps the body the saved state refers to and the newest one, and drops older ones", async () => {
    const key = "https://example.org/laureats.csv";
    const v1 = await writeCachedBody(temp.dir, key, Buffer.from("version 1"));
    const v2 = await writeCachedBody(temp.dir, key, Buffer.from("version 2"), [v1]);
    expect((await readCachedBody(temp.dir, key, v1))?.toString()).toBe("version 1");
    // A failed run downloaded v3; the saved state still says v1: v1 must survive, v2 may go.
    const v3 = await writeCachedBody(temp.dir, key, Buffer.from("version 3"), [v1]);
    expect(await readCachedBody(temp.dir, key, v2)).toBeUndefined();
    expect((await readCachedBody(temp.dir, key, v1))?.toString()).toBe("version 1");
    expect((await readCachedBody(temp.dir, key, v3))?.toString()).toBe("version 3");
  });

  it("refuses a damaged cached body instead of replaying it", async () => {
    const key = "https://example.org/appels.json";
    const sha = await writeCachedBody(temp.dir, key, Buffer.from("[]"));
    const [folder] = await readdir(join(temp.dir, "raw"));
    await writeFile(join(temp.dir, "raw", folder as string, sha), "[{}]");
    expect(await readCachedBody(temp.dir, key, sha)).toBeUndefined();
    expect(sha).toBe(sha256Hex("[]"));
  });
});

describe("secrets", () => {
  it("reads the named variable, and names it (never a value) when it is missing or empty", () => {
    expect(readSecret({ JETON_FICTIF: " abc123 " }, "JETON_FICTIF", "source fictive")).toBe("abc123");
    expect(() => readSecret({ JETON_FICTIF: "" }, "JETON_FICTIF", "source fictive")).toThrow(/JETON_FICTIF is not set/);
    expect(() => readSecret({}, "JETON_FICTIF", "source fictive")).toThrow(expect.objectContaining({ code: "missing-secret", source: "source fictive" }));
  });
});
