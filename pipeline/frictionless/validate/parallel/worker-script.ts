import { fileURLToPath } from "node:url";

/**
 * The code the worker threads run: a file of the built program, or, from the sources, a script.
 * Never code read from a folder that other users can write (such as the system's temporary one).
 */
export type WorkerCode = { file: URL } | { script: string };

/** This module runs from its TypeScript source (tests, benches through tsx), not from the build. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");

let code: Promise<WorkerCode> | undefined;

/**
 * Where the worker's code is. The build (pipeline/cli/build/build.js) compiles chunk-worker.ts
 * into chunk-worker.js, in the same folder as the module holding this code: inside the
 * installed package, writable only by whoever installed it. From the sources, esbuild bundles
 * it in memory, once per process (about 0.2 s): starting the worker on the sources through
 * tsx instead would compile the core module by module in each thread, about 0.5 s apiece.
 */
export function workerCode(): Promise<WorkerCode> {
  code ??= FROM_SOURCES ? bundledFromSources() : Promise.resolve({ file: new URL("./chunk-worker.js", import.meta.url) });
  return code;
}

async function bundledFromSources(): Promise<WorkerCode> {
  // A development dependency: the built program never gets here.
  const { build } = await import("esbuild");
  const entry = fileURLToPath(new URL("./chunk-worker.ts", import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: "cjs", platform: "node", target: "node20", write: false, logLevel: "silent" });
  return { script: (out.outputFiles[0] as { text: string }).text };
}
