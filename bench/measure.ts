import { PARSE_PASSES } from "./parse-passes.ts";
import { VALIDATE_PASSES } from "./validate-passes.ts";

/**
 * One in-process measurement, run in its own process so that its peak RSS is its own; the time
 * is the pass's alone, without the process's start:
 *   node --import tsx bench/measure.ts parse:<parser> <file>
 *   node --import tsx bench/measure.ts validate:<pass> <table.csv> <schema.json>
 * prints `{"rows":…,"seconds":…,"maxRssMB":…}`.
 */
const [name = "", ...files] = process.argv.slice(2);
const [kind, pass] = name.split(":");
const parse = kind === "parse" && pass !== undefined ? PARSE_PASSES[pass] : undefined;
const validate = kind === "validate" && pass !== undefined ? VALIDATE_PASSES[pass] : undefined;
if ((parse === undefined && validate === undefined) || files.length === 0) {
  console.error(`usage: measure.ts parse:<${Object.keys(PARSE_PASSES).join("|")}> <file> | validate:<${Object.keys(VALIDATE_PASSES).join("|")}> <table> <schema>`);
  process.exit(2);
}
const start = process.hrtime.bigint();
const rows = parse ? await parse(files[0] as string) : await (validate as NonNullable<typeof validate>)(files[0] as string, files[1] as string);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ rows, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
