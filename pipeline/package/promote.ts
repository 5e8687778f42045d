import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathExists } from "../shared/fs.ts";

/**
 * A package is written in a staging folder next to its final place, then swapped in with
 * two renames. A failed or killed run leaves the previous `output/<name>/` as it was:
 * readers, and the publish step, never see half a package.
 */
export async function createStagingDir(finalDir: string): Promise<string> {
  await mkdir(dirname(finalDir), { recursive: true });
  await recoverInterruptedPromotion(finalDir);
  const staging = await mkdtemp(join(dirname(finalDir), `.staging-${basename(finalDir)}-`));
  // mkdtemp makes a private folder; the published package is meant to be read by anyone.
  await chmod(staging, 0o755);
  return staging;
}

export async function promoteStagingDir(stagingDir: string, finalDir: string): Promise<void> {
  // Unique, so that a folder left by a killed run whose pid comes back (pid 1 in a
  // container) never blocks the rename for good.
  const previous = `${finalDir}.previous-${process.pid}-${randomBytes(4).toString("hex")}`;
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

/**
 * What runs killed while packaging or promoting left beside `finalDir`: staging folders,
 * and previous packages set aside for the swap. When the kill came between the two renames,
 * `finalDir` is missing and the previous package is whole: it is put back, so that an
 * invalid build tonight still leaves last night's package in place. Everything else is
 * removed. Runs of one package hold its lock, so none of these folders is in use.
 */
export async function recoverInterruptedPromotion(finalDir: string): Promise<{ restored?: string; removed: string[] }> {
  const parent = dirname(finalDir);
  const name = escapeRegExp(basename(finalDir));
  const staging = new RegExp(`^\\.staging-${name}-[A-Za-z0-9]{6}$`);
  const setAside = new RegExp(`^${name}\\.previous-\\d+(-[0-9a-f]{8})?$`);
  const leftovers = (await readdir(parent)).filter((entry) => staging.test(entry) || setAside.test(entry)).map((entry) => join(parent, entry));
  let restored: string | undefined;
  if (!(await pathExists(finalDir))) {
    restored = await newestWholePackage(leftovers.filter((path) => setAside.test(basename(path))));
    if (restored) await rename(restored, finalDir);
  }
  const removed = leftovers.filter((path) => path !== restored);
  for (const path of removed) await rm(path, { recursive: true, force: true });
  return { restored, removed };
}

/** A set-aside package whose removal never started still has its descriptor; the last one set aside wins. */
async function newestWholePackage(candidates: string[]): Promise<string | undefined> {
  let newest: { path: string; changedAt: number } | undefined;
  for (const path of candidates) {
    if (!(await pathExists(join(path, "datapackage.json")))) continue;
    const changedAt = (await stat(path)).ctimeMs;
    if (!newest || changedAt > newest.changedAt) newest = { path, changedAt };
  }
  return newest?.path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
