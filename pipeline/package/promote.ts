import { chmod, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathExists } from "../shared/fs.ts";

/**
 * A package is written in a staging folder next to its final place, then swapped in with
 * two renames. A failed or killed run leaves the previous `output/<name>/` as it was:
 * readers, and the publish step, never see half a package.
 */
export async function createStagingDir(finalDir: string): Promise<string> {
  await mkdir(dirname(finalDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(finalDir), `.staging-${basename(finalDir)}-`));
  // mkdtemp makes a private folder; the published package is meant to be read by anyone.
  await chmod(staging, 0o755);
  return staging;
}

export async function promoteStagingDir(stagingDir: string, finalDir: string): Promise<void> {
  const previous = `${finalDir}.previous-${process.pid}`;
  const hadPrevious = await pathExists(finalDir);
  if (hadPrevious) await rename(finalDir, previous);
  try {
    await rename(stagingDir, finalDir);
  } catch (error) {
    if (hadPrevious) await rename(previous, finalDir);
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

export async function discardStagingDir(stagingDir: string): Promise<void> {
  await rm(stagingDir, { recursive: true, force: true });
}
