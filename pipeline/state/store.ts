import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeThrown, CodedError } from "../frictionless/index.ts";
import { serialised } from "../shared/serialised.ts";
import { withLock } from "./lock.ts";
import { processIsAlive } from "./process.ts";

/**
 * The pipeline's memory between runs (publication ids, source cursors and ETags) lives in
 * small JSON files. A run can be killed at any moment, so every write is atomic: the new
 * content goes to a temporary file that is flushed to disk, then renamed over the old one.
 * A reader sees the old state or the new one, never half of each.
 */

export type StateDocument = Record<string, unknown>;

export type StateErrorCode = "state-error";

/** A state file that cannot be read or does not hold a JSON object. */
export class StateError extends CodedError<StateErrorCode> {
  readonly file: string;
  constructor(file: string, message: string, hint: string, cause?: unknown) {
    super({ code: "state-error", message, hint, location: { file }, cause });
    this.name = "StateError";
    this.file = file;
  }
}

/** The state in `file`, or `{}` when there is none yet. */
export async function readState(file: string): Promise<StateDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const thrown = describeThrown(error);
    if (thrown.systemCode === "ENOENT") return {};
    throw new StateError(file, `cannot read the state file ${file}: ${thrown.message}`, `give the user running aap read and write access to ${file}`, error);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as StateDocument;
  } catch (error) {
    throw new StateError(file, `the state file ${file} is not valid JSON`, "fix it or delete it (the next run then starts from scratch)", error);
  }
  throw new StateError(file, `the state file ${file} must hold a JSON object`, "fix it or delete it (the next run then starts from scratch)");
}

/** Replace the state in `file` atomically. */
export async function writeState(file: string, state: StateDocument): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** How long an update waits for another process's update of the same file (they take milliseconds). */
const UPDATE_LOCK_WAIT_MS = 60_000;

/**
 * Read, change and write back the state in `file`, one update at a time per file, within
 * this process and across processes sharing the folder (runs of two packages share the
 * state files), so that two steps saving their progress never lose each other's writes.
 */
export function updateState<T>(file: string, mutate: (state: StateDocument) => T | Promise<T>): Promise<T> {
  return serialised(`state:${file}`, () =>
    withLock(`${file}.lock`, { waitMs: UPDATE_LOCK_WAIT_MS, purpose: "state update" }, async () => {
      const state = await readState(file);
      const result = await mutate(state);
      await writeState(file, state);
      return result;
    }),
  );
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`; // the name LEFTOVER recognises
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `<name>.<pid>.<epoch ms>[.<8 hex>].tmp`: a temporary file of writeFileAtomic or of a lock. */
const LEFTOVER = /^.*\.(\d{1,7})\.(\d{13,})(?:\.[0-9a-f]{8})?\.tmp$/;
/** A temporary file lives for milliseconds: one this old is a leftover even if its pid was reused. */
const LEFTOVER_MAX_AGE_MS = 24 * 3600_000;

/**
 * Remove the temporary files that processes killed during a write (SIGKILL, power loss)
 * left under `dir`, at any depth: those whose process is gone, or that are a day old.
 * Those of live processes are writes under way. Returns the paths removed.
 */
export async function removeLeftoverTemporaries(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (describeThrown(error).systemCode === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = entry.isFile() ? LEFTOVER.exec(entry.name) : null;
    if (!match) continue;
    const [pid, writtenAt] = [Number(match[1]), Number(match[2])];
    const path = join(entry.parentPath, entry.name);
    // The writer's clock is in the name: the same machine's clock (its pid is checked here too).
    const old = Date.now() - writtenAt > LEFTOVER_MAX_AGE_MS;
    if (pid === process.pid && !old) continue;
    if (old || !processIsAlive(pid)) {
      await rm(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}
