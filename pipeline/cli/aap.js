#!/usr/bin/env node
// The `aap` command. It runs the program compiled from the TypeScript sources into dist/
// (`npm ci` builds it). A build older than the sources is never run: it is made again first.
import { URL } from "node:url";
import { staleness } from "./build/freshness.js";

// `aap validate big.csv --schema …` checks the table on worker threads: they start first, even
// before the build is checked, so that they boot on the other cores while this one checks it and
// loads the program. From a build that is stale (or absent), none start, or they are stopped unused.
const early = await import(new URL("../../dist/early-threads.js", import.meta.url).href).catch(() => undefined);
early?.startEarlyThreads(process.argv.slice(2), process.cwd());
const stale = staleness();
if (stale !== undefined) {
  await early?.dropEarlyValidationThreads();
  const { build, BuildError } = await import("./build/build.js");
  if (process.stderr.isTTY) process.stderr.write(`aap: building dist/ (${stale})…\n`);
  try {
    await build();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`aap: dist/ must be built again (${stale}), but ${error.message}\n  hint: ${error.hint}\n`);
    process.exit(2);
  }
}
// A reader that stops reading (`aap validate … | head`) closes the pipe: what is left to print is
// dropped, and the command ends with its own exit status rather than a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}
// A URL rather than a path the type checker would look for: dist/ exists only once built.
const { main } = await import(new URL("../../dist/main.js", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
