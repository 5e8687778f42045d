import { join } from "node:path";
import { readState, updateState } from "../state/store.ts";

/**
 * When each package was last known to be on data.gouv.fr as built: published, or checked
 * unchanged there. A night with no change writes nothing on data.gouv.fr, so the dataset's own
 * modification date alone would call a quiet package stale; `aap freshness` takes the later of
 * the two. Layout: { "<instance>": { "<package>": "<ISO time>" } }.
 */
export const LAST_SUCCESS_FILE = "last-success.json";

export async function recordLastSuccess(stateDir: string, instance: string, packageName: string, at: Date): Promise<void> {
  await updateState(join(stateDir, LAST_SUCCESS_FILE), (state) => {
    const perInstance = (state[instance] ?? {}) as Record<string, string>;
    perInstance[packageName] = at.toISOString();
    state[instance] = perInstance;
  });
}

export async function readLastSuccess(stateDir: string, instance: string, packageName: string): Promise<string | undefined> {
  const value = ((await readState(join(stateDir, LAST_SUCCESS_FILE)))[instance] as Record<string, unknown> | undefined)?.[packageName];
  return typeof value === "string" ? value : undefined;
}
