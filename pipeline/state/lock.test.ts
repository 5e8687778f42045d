import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, unlink, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { acquireLock, LockError } from "./lock.ts";
import { readState } from "./store.ts";
import { describeThrown } from "../frictionless/index.ts";

const run = promisify(execFile);
const HOLDER = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fakes", "fixtures", "lock-holder.ts");
const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function lockFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "aap-lock-")), "locks", "paquet-fictif.lock");
}

/** The pid of a process that has exited: nothing runs under it any more. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ["-e", ""]);
  await new Promise((done) => child.once("exit", done));
  return child.pid!;
}

function holderProcess(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", HOLDER, ...args], { cwd: REPOSITORY_ROOT });
}

describe("acquireLock", () => {
  it("writes who holds it, and lets a second taker in only after the release", async () => {
    const file = await lockFile();
    const first = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid, host: hostname(), purpose: "aap run", startedAt: expect.any(String) });
    let waitedFor: unknown;
    const second = acquireLock(file, { waitMs: 10_000, purpose: "aap publish", onWait: (holder) => (waitedFor = holder) });
    let secondHeld = false;
    void second.then(() => (secondHeld = true));
    await new Promise((done) => setTimeout(done, 100));
    expect(secondHeld).toBe(false);
    expect(waitedFor).toMatchObject({ pid: process.pid, purpose: "aap run" });
    await first.release();
    const lock = await second;
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ purpose: "aap publish" });
    await lock.release();
    expect(await readdir(dirname(file))).toEqual([]);
  });

  it("gives up after the bounded wait, naming the holder's pid, host and start time and the file", async () => {
    const file = await lockFile();
    const held = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    const error = await acquireLock(file, { waitMs: 150, purpose: "aap run" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockError);
    expect(error).toMatchObject({ code: "locked", holder: { pid: process.pid } });
    expect(describeThrown(error).message).toContain(`process ${process.pid} on ${hostname()} (aap run, since ${held.holder.startedAt})`);
    expect(describeThrown(error).message).toContain(file);
    await held.release();
  });

  it("takes over a lock left by a process that is gone (killed during a run)", async () => {
    const file = await lockFile();
    const pid = await deadPid();
    const held = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    await held.release();
    await writeFile(file, JSON.stringify({ pid, host: hostname(), startedAt: "2000-01-01T00:00:00.000Z", purpose: "aap run", nonce: "fictif" }));
    const lock = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it("leaves a stale lock to the live process already taking it over", async () => {
    const file = await lockFile();
    await mkdir(dirname(file));
    await writeFile(file, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: "2000-01-01T00:00:00.000Z", purpose: "aap run", nonce: "fictif" }));
    // Another process (alive: this one) is between its check of the stale lock and its replacement.
    await writeFile(`${file}.takeover`, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose: "aap run", nonce: "autre" }));
    await expect(acquireLock(file, { waitMs: 200, purpose: "aap run" })).rejects.toBeInstanceOf(LockError);
    await unlink(`${file}.takeover`);
    const lock = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    await lock.release();
  });

  it("trusts another machine's lock while it is refreshed, and takes it over once left untouched for minutes", async () => {
    const file = await lockFile();
    const held = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    await held.release();
    await writeFile(file, JSON.stringify({ pid: process.pid, host: "machine-fictive-distante", startedAt: "2000-01-01T00:00:00.000Z", purpose: "aap run", nonce: "fictif" }));
    // Its holder has just refreshed it, with its own clock.
    await utimes(file, new Date(), new Date());
    await expect(acquireLock(file, { waitMs: 0, purpose: "aap run" })).rejects.toThrow(/machine-fictive-distante/);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(file, tenMinutesAgo, tenMinutesAgo);
    const lock = await acquireLock(file, { waitMs: 0, purpose: "aap run" });
    await lock.release();
  });

  it("never lets two processes hold it at once, even when they race to take over a stale lock", async () => {
    const file = await lockFile();
    const journal = join(dirname(file), "..", "journal.txt");
    await mkdir(dirname(file));
    await writeFile(file, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: "2000-01-01T00:00:00.000Z", purpose: "aap run", nonce: "fictif" }));
    const startAt = String(Date.now() + 3_000);
    await Promise.all(Array.from({ length: 5 }, () => holderProcess("lock", file, journal, "100", startAt)));
    const lines = (await readFile(journal, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(10);
    for (let i = 0; i < lines.length; i += 2) {
      // Each holder leaves before the next one enters.
      expect(lines[i]!.replace("in", "out")).toBe(lines[i + 1]);
    }
  }, 60_000);
});

describe("updateState across processes", () => {
  it("loses no update when processes save into the same state file at once", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "aap-lock-")), "publication.json");
    await Promise.all(Array.from({ length: 3 }, () => holderProcess("update", file, "15")));
    expect(Object.keys(await readState(file))).toHaveLength(45);
  }, 60_000);
});
