import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { CodedError, describeThrown } from "../frictionless/index.ts";
import { sleep } from "../shared/sleep.ts";
import { processIsAlive } from "./process.ts";

/**
 * A lock file shared by every process that uses one state folder: two runs of one package
 * must never publish at the same time (udata has no optimistic locking, docs/datagouv-api.md §10.4).
 * The file is created atomically (a hard link fails when the name exists) and says who
 * holds it. A holder that is gone (a crash, a SIGKILL) leaves its file behind: on the same
 * machine its pid is checked; from another machine (a shared folder) the holder refreshes
 * the file's time while it works, and a file left untouched for too long is stale.
 */

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601. */
  startedAt: string;
  /** What holds it, e.g. `aap run`. */
  purpose: string;
  /** Tells two holders with the same pid apart (a pid is reused after a reboot). */
  nonce: string;
}

export interface LockOptions {
  /** How long to wait for a live holder before giving up; 0 fails at once. */
  waitMs: number;
  purpose: string;
  /** Called once, when the lock is found held by a live process and we start waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
  signal?: AbortSignal;
}

export interface Lock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export type LockErrorCode = "locked";

/** Another process holds the lock, still after the wait. */
export class LockError extends CodedError<LockErrorCode> {
  constructor(
    readonly file: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.host} (${holder.purpose}, since ${holder.startedAt})` : "another process";
    super({
      code: "locked",
      message: `${file} is held by ${who}${waitedMs > 0 ? `, still after waiting ${Math.round(waitedMs / 1000)} s` : ""}: nothing was done`,
      hint: `run again once it has finished; if that process is gone, delete ${file}`,
      location: { file },
    });
    this.name = "LockError";
  }
}

/** A holder refreshes its file this often... */
const HEARTBEAT_MS = 30_000;
/** ...so a file from another machine untouched for this long belongs to a holder that is gone. */
const FOREIGN_STALE_MS = 5 * 60_000;
const MAX_POLL_MS = 1_000;

export async function acquireLock(file: string, options: LockOptions): Promise<Lock> {
  await mkdir(dirname(file), { recursive: true });
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose: options.purpose, nonce: randomBytes(8).toString("hex") };
  const text = `${JSON.stringify(holder)}\n`;
  const started = performance.now();
  let pollMs = 25;
  let waiting = false;
  for (;;) {
    if (await createExclusive(file, text)) return heldLock(file, holder, text);
    const found = await readHolder(file);
    if (found === "absent") continue;
    if (found.stale && (await takeOver(file, found.text, text))) return heldLock(file, holder, text);
    const waited = performance.now() - started;
    if (waited >= options.waitMs) throw new LockError(file, found.holder, waited);
    if (!waiting) options.onWait?.(found.holder);
    waiting = true;
    await sleep(Math.min(pollMs, options.waitMs - waited), options.signal);
    pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
  }
}

/** Run `task` while holding the lock; the lock is released whatever happens. */
export async function withLock<T>(file: string, options: LockOptions, task: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(file, options);
  try {
    return await task();
  } finally {
    await lock.release();
  }
}

/** Writes the whole content under a temporary name, then links it in: the lock never exists half-written. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${Date.now()}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, text);
  // Its time is the holder's clock, as each heartbeat sets it: the file system's may differ.
  await touch(temporary);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (describeThrown(error).systemCode === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

type Found = "absent" | { text: string; holder: LockHolder | undefined; stale: boolean };

async function readHolder(file: string): Promise<Found> {
  let text: string;
  let modifiedMs: number;
  try {
    [text, modifiedMs] = await Promise.all([readFile(file, "utf8"), stat(file).then((s) => s.mtimeMs)]);
  } catch (error) {
    if (describeThrown(error).systemCode === "ENOENT") return "absent";
    throw error;
  }
  const holder = parseHolder(text);
  const untouchedMs = Date.now() - modifiedMs;
  // A file we cannot read as a holder was not written by this code: only its age can tell.
  if (!holder) return { text, holder, stale: untouchedMs > FOREIGN_STALE_MS };
  const stale = holder.host === hostname() ? !processIsAlive(holder.pid) : untouchedMs > FOREIGN_STALE_MS;
  return { text, holder, stale };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.startedAt === "string") {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt, purpose: String(value.purpose ?? "unknown"), nonce: String(value.nonce ?? "") };
    }
  } catch {
    // not a holder
  }
  return undefined;
}

/**
 * Replace a stale lock. Two processes may find the same stale file: only the one that holds
 * the takeover guard may remove it, and only if it still holds the very text judged stale.
 * The guard itself is held for a few system calls; one left by a crash is removed by age.
 */
async function takeOver(file: string, staleText: string, text: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!(await createExclusive(guard, text))) {
    const found = await readHolder(guard);
    if (found !== "absent" && found.stale) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current !== staleText) return false;
    await unlink(file);
    return await createExclusive(file, text);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function heldLock(file: string, holder: LockHolder, text: string): Lock {
  const heartbeat = setInterval(() => void touch(file).catch(() => undefined), HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    file,
    holder,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      // Never remove a lock that another process has (wrongly) taken over since.
      const current = await readFile(file, "utf8").catch(() => undefined);
      if (current === text) await unlink(file).catch(() => undefined);
    },
  };
}

function touch(file: string): Promise<void> {
  const now = new Date();
  return utimes(file, now, now);
}
