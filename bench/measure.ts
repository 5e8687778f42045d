import { workerCode } from "../pipeline/frictionless/index.ts";
import { PARSE_PASSES } from "./parse-passes.ts";
import { VALIDATE_PASSES } from "./validate-passes.ts";

/**
 * One measurement, run in its own process so that its peak RSS is its own:
 *   node --import tsx bench/measure.ts parse:<parser> <file>
 *   node --import tsx bench/measure.ts validate:<validator> <laureats.csv> <appels.csv>
 * prints `{"rows":…,"seconds":…,"maxRssMB":…}`.
 */
const [name = "", ...files] = process.argv.slice(2);
const [kind, pass] = name.split(":");
const parse = kind === "parse" && pass !== undefined ? PARSE_PASSES[pass] : undefined;
const validate = kind === "validate" && pass !== undefined ? VALIDATE_PASSES[pass] : undefined;
if ((parse === undefined && validate === undefined) || files.length === 0) {
  console.error(`usage: measure.ts parse:<${Object.keys(PARSE_PASSES).join("|")}> <file> | validate:<${Object.keys(VALIDATE_PASSES).join("|")}> <laureats> <appels>`);
  process.exit(2);
}
// Run from the sources, the worker threads' code is bundled in memory first (about 0.2 s); the
// built program that `aap validate` runs has it as a file already: not part of the figure.
if (validate) await workerCode();
const start = process.hrtime.bigint();
const rows = parse ? await parse(files[0] as string) : await (validate as NonNullable<typeof validate>)(files[0] as string, files[1] as string);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ rows, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
