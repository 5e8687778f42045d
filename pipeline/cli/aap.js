#!/usr/bin/env node
// The `aap` command. The pipeline is written in TypeScript and run from its sources
// through tsx, so there is no build step and no stale compiled copy to go out of date.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
