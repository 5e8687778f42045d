// Compiles the TypeScript sources into dist/, the program that `aap` runs. esbuild bundles
// them in a few hundred milliseconds: `npm ci` runs it (the `prepare` script), and `aap`
// itself runs it again when a source changed since (see freshness.js).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { MANIFEST, OUTDIR, ROOT, staleness } from "./freshness.js";

/**
 * The programs of the build. The worker is an entry of its own: the validation's worker
 * threads load it from the built package, beside the module that starts them (worker-script.ts);
 * so are the custom checks they import.
 */
const ENTRIES = {
  main: "pipeline/cli/main.ts",
  // Loaded by aap.js before main: it starts a big table's worker threads while main loads (early-threads.ts).
  "early-threads": "pipeline/cli/early-threads.ts",
  "chunk-worker": "pipeline/frictionless/validate/parallel/chunk-worker.ts",
  // The French custom checks, which the worker threads import (pipeline/validate/registry.ts says where).
  "french-checks": "pipeline/validate/registry.ts",
};

/** Files that change the output without being bundled: the build itself, the compiler's version, the TypeScript settings. */
const SETTINGS = ["package.json", "package-lock.json", "tsconfig.json", "pipeline/cli/build/build.js"];

/** A build that could not be made; `hint` says what to do. */
export class BuildError extends Error {
  /**
   * @param {"compiler-missing" | "compile-error" | "write-error"} code
   * @param {string} message
   * @param {string} hint
   */
  constructor(code, message, hint) {
    super(message);
    this.name = "BuildError";
    this.code = code;
    this.hint = hint;
  }
}

/**
 * Builds the program into `outdir`. Each file is written aside and renamed into place, and
 * the manifest last: a process starting meanwhile runs either the old build or the new one.
 * @param {{ root?: string, outdir?: string }} [where]
 * @returns {Promise<{ files: string[], bytes: number, metafile: import("esbuild").Metafile }>}
 */
export async function build({ root = ROOT, outdir = OUTDIR } = {}) {
  const esbuild = await compiler();
  // Taken before compiling: a source saved during the build is seen as changed next time.
  const before = sourceStats(root);
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir,
      bundle: true,
      // Each command loads its code when it runs (dynamic imports): shared modules go to chunks of their own.
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20.18",
      // Dependencies stay in node_modules, loaded as they are.
      packages: "external",
      // Flat: the worker file sits beside every chunk, where worker-script.ts looks for it.
      entryNames: "[name]",
      chunkNames: "shared-[hash]",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    const messages = await esbuild.formatMessages(/** @type {{ errors?: import("esbuild").Message[] }} */ (error).errors ?? [], { kind: "error" });
    throw new BuildError("compile-error", `the sources do not compile:\n${messages.join("")}`, "fix the error above, then run the command again");
  }
  const files = result.outputFiles.map((file) => basename(file.path));
  try {
    mkdirSync(outdir, { recursive: true });
    for (const file of result.outputFiles) replace(file.path, file.contents);
    const sources = Object.fromEntries(
      [...Object.keys(result.metafile.inputs), ...SETTINGS].map((path) => [path, before.get(path) ?? [0, 0]]),
    );
    for (const name of readdirSync(outdir)) {
      if (name !== MANIFEST && !files.includes(name) && !name.includes(".tmp-")) rmSync(join(outdir, name), { force: true });
    }
    replace(join(outdir, MANIFEST), JSON.stringify({ sources, outputs: files }, null, 1));
  } catch (error) {
    const reason = /** @type {Error} */ (error).message;
    throw new BuildError("write-error", `cannot write the build to ${outdir}: ${reason}`, "make the folder writable by this user, or run `npm run build` as the user who installed the package");
  }
  return { files, bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0), metafile: result.metafile };
}

/** @returns {Promise<typeof import("esbuild")>} */
async function compiler() {
  try {
    return await import("esbuild");
  } catch {
    throw new BuildError(
      "compiler-missing",
      "esbuild, the compiler, is not installed (it is a development dependency)",
      "run `npm ci` with the development dependencies, then `npm run build`",
    );
  }
}

/**
 * Size and modification time of every file the build may read, by path from the root.
 * @param {string} root
 * @returns {Map<string, [number, number]>}
 */
function sourceStats(root) {
  const paths = readdirSync(join(root, "pipeline"), { recursive: true, encoding: "utf8" }).map((path) => join("pipeline", path));
  /** @type {Map<string, [number, number]>} */
  const stats = new Map();
  for (const path of [...paths, ...SETTINGS]) {
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    // esbuild names its inputs with forward slashes, whatever the platform.
    if (stat?.isFile()) stats.set(path.split("\\").join("/"), [stat.size, stat.mtimeMs]);
  }
  return stats;
}

/**
 * @param {string} path
 * @param {string | Uint8Array} contents
 */
function replace(path, contents) {
  const aside = `${path}.tmp-${process.pid}`;
  writeFileSync(aside, contents);
  renameSync(aside, path);
}

/** `node pipeline/cli/build/build.js`: what `npm run build` and `npm ci` (prepare) run. */
async function cli() {
  const started = performance.now();
  try {
    const { files, bytes } = await build();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(`aap: built ${relative(process.cwd(), OUTDIR) || "."} (${files.length} files, ${Math.round(bytes / 1024)} kB) in ${seconds} s\n`);
  } catch (error) {
    // A production install (`npm ci --omit=dev`) of a package built beforehand has nothing to do.
    if (error instanceof BuildError && error.code === "compiler-missing" && staleness() === undefined) return;
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`aap: ${error.message}\n  hint: ${error.hint}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli();
