/**
 * The core's second entry, beside index.ts: what a program may load before the core itself.
 * `aap validate big.csv --schema …` starts the table's worker threads from here first thing, so
 * that they boot on the other cores while the calling thread loads the program and reads the
 * schema (docs/decisions.md §29). It loads no reader, no descriptor code: only Node's fs, os,
 * path, url and worker_threads (worker-imports.test.ts).
 */
export { dropEarlyThreads, startThreadsEarly } from "./validate/parallel/early-threads.ts";
