import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./chunk-worker.ts", import.meta.url));

/** A bundle kept on disk, with the sources it was built from. */
interface CachedBundle {
  /** sha256 of the inputs' paths and contents. */
  digest: string;
  inputs: string[];
  code: string;
}

let script: Promise<string> | undefined;

/**
 * The worker's code as one plain script. Why not start the worker on the TypeScript sources
 * through tsx: each worker would then load tsx and compile the core module by module, about
 * 0.5 s apiece, as long as the validation it is there to shorten. esbuild (the compiler tsx
 * runs on) bundles it in about 170 ms; the bundle is kept in the temporary folder and used
 * again while none of its sources changed (checked by content, a few milliseconds).
 */
export function workerScript(): Promise<string> {
  script ??= cachedOrBuilt();
  return script;
}

async function cachedOrBuilt(): Promise<string> {
  const file = join(tmpdir(), `aap-opendata-chunk-worker-${createHash("sha256").update(ENTRY).digest("hex").slice(0, 16)}.json`);
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as CachedBundle;
    if ((await digestOf(cached.inputs)) === cached.digest) return cached.code;
  } catch {
    // No bundle yet, or one that cannot be read: build it.
  }
  const { build } = await import("esbuild");
  const out = await build({ entryPoints: [ENTRY], bundle: true, format: "cjs", platform: "node", target: "node20", write: false, metafile: true, logLevel: "silent" });
  const code = (out.outputFiles[0] as { text: string }).text;
  // Metafile paths are relative to the working directory.
  const inputs = Object.keys(out.metafile.inputs).map((input) => resolve(input));
  const bundle: CachedBundle = { digest: await digestOf(inputs), inputs, code };
  try {
    // Written aside then renamed: another process may read it at the same time.
    const temporary = `${file}.${process.pid}`;
    await writeFile(temporary, JSON.stringify(bundle));
    await rename(temporary, file);
  } catch {
    // A temporary folder we cannot write to: the next process bundles again, that is all.
  }
  return code;
}

async function digestOf(inputs: string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const input of inputs) hash.update(input).update("\0").update(await readFile(input)).update("\0");
  return hash.digest("hex");
}
