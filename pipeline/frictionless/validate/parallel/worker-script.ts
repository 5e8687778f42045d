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
  const built = builtWorkerCode();
  code ??= built === undefined ? bundledFromSources() : Promise.resolve(built);
  return code;
}

/** The built worker's file, known at once (no await): undefined from the sources. */
export function builtWorkerCode(): WorkerCode | undefined {
  return FROM_SOURCES ? undefined : { file: new URL("./chunk-worker.js", import.meta.url) };
}

async function bundledFromSources(): Promise<WorkerCode> {
  // A development dependency: the built program never gets here.
  const { build } = await import("esbuild");
  const entry = fileURLToPath(new URL("./chunk-worker.ts", import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: "cjs", platform: "node", target: "node20", write: false, logLevel: "silent" });
  return { script: (out.outputFiles[0] as { text: string }).text };
}

const checkModules = new Map<string, Promise<string>>();

/**
 * A URL the worker threads can import the custom checks' module from. A built module is
 * imported where it is. A TypeScript source (tests, benches through tsx) is bundled in memory,
 * once per process, into a `data:` URL: the threads run without tsx, and nothing is written
 * to disk where another user could change it.
 */
export function checkModuleUrl(url: string): Promise<string> {
  if (!url.endsWith(".ts")) return Promise.resolve(url);
  let bundled = checkModules.get(url);
  if (bundled === undefined) {
    bundled = bundleCheckModule(url);
    checkModules.set(url, bundled);
  }
  return bundled;
}

async function bundleCheckModule(url: string): Promise<string> {
  const { build } = await import("esbuild");
  const out = await build({ entryPoints: [fileURLToPath(url)], bundle: true, format: "esm", platform: "node", target: "node20", write: false, logLevel: "silent" });
  return `data:text/javascript;base64,${Buffer.from((out.outputFiles[0] as { contents: Uint8Array }).contents).toString("base64")}`;
}
