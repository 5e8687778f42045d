// Whether the compiled program in dist/ was built from the sources as they are now. The `aap`
// command asks before every start, so it stays cheap: no compiler is loaded, only one stat per
// source file (a few hundred, about a millisecond).
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder (three folders above this file). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Where the compiled program is written, inside the package. */
export const OUTDIR = join(ROOT, "dist");

/** The manifest written last by a build: the sources it read (size and modification time) and the files it wrote. */
export const MANIFEST = "build.json";

/**
 * @typedef {{ sources: Record<string, [size: number, mtimeMs: number]>, outputs: string[] }} Manifest
 */

/**
 * Why the build in `outdir` cannot be run as it is, or undefined when it is up to date.
 * @param {string} [root]
 * @param {string} [outdir]
 * @returns {string | undefined}
 */
export function staleness(root = ROOT, outdir = OUTDIR) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), "utf8"));
  } catch {
    return "there is no build yet";
  }
  const base = asFolder(root);
  for (const [path, [size, mtimeMs]] of Object.entries(manifest.sources)) {
    const stat = statSync(base + path, { throwIfNoEntry: false });
    if (stat === undefined) return `${path} was removed`;
    // A changed time alone counts: an edit that keeps the size is still an edit.
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return `${path} changed`;
  }
  const built = asFolder(outdir);
  for (const output of manifest.outputs) {
    if (statSync(built + output, { throwIfNoEntry: false }) === undefined) return `${output} is missing`;
  }
  return undefined;
}

/**
 * `dir` ending with a separator, to join a relative path to by hand: path.join on every source
 * made V8 compile its normalisation, at each start, on a core the validation's threads need.
 * @param {string} dir
 * @returns {string}
 */
function asFolder(dir) {
  return dir.endsWith(sep) ? dir : dir + sep;
}
