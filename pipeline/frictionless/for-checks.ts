/**
 * The core's third entry, beside index.ts and early.ts: what a module of custom checks needs
 * from the core, the error base for its bad params and the checks' types. A big table's worker
 * threads import that module (`ValidateOptions.checksModule`); through the index, each of them
 * loaded the whole core with it (the descriptor validators, ajv's formats, the readers): about
 * 450 kB of code, 30 ms of wall time and 1,300 page faults more on the 1M-row bench
 * (docs/decisions.md §31). It loads no Node module and nothing else of ours (worker-imports.test.ts).
 */
export { CodedError } from "./errors/coded-error.ts";
export type { Check, CheckContext, CheckFactory, CheckFinding, CheckRegistry, CheckRow } from "./validate/check.ts";
