import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { serialised } from "../shared/serialised.ts";

/**
 * The pipeline's memory between runs (publication ids, source cursors and ETags) lives in
 * small JSON files. A run can be killed at any moment, so every write is atomic: the new
 * content goes to a temporary file that is flushed to disk, then renamed over the old one.
 * A reader sees the old state or the new one, never half of each.
 */

export type StateDocument = Record<string, unknown>;

export class StateError extends Error {
  readonly code = "state-error";
  readonly file: string;
  constructor(file: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
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
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new StateError(file, `cannot read the state file ${file}: ${(error as Error).message}`, error);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as StateDocument;
  } catch (error) {
    throw new StateError(file, `the state file ${file} is not valid JSON; fix it or delete it (the next run then starts from scratch)`, error);
  }
  throw new StateError(file, `the state file ${file} must hold a JSON object; fix it or delete it`);
}

/** Replace the state in `file` atomically. */
export async function writeState(file: string, state: StateDocument): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Read, change and write back the state in `file`, one update at a time per file within
 * this process, so that two steps saving their progress never lose each other's writes.
 */
export function updateState<T>(file: string, mutate: (state: StateDocument) => T | Promise<T>): Promise<T> {
  return serialised(`state:${file}`, async () => {
    const state = await readState(file);
    const result = await mutate(state);
    await writeState(file, state);
    return result;
  });
}

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
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
