import { PARSE_PASSES } from "./parse-passes.ts";

/**
 * One measurement, run in its own process so that its peak RSS is its own:
 *   node --import tsx bench/measure.ts <pass> <file>
 * prints `{"rows":…,"seconds":…,"maxRssMB":…}`.
 */
const [name, path] = process.argv.slice(2);
const pass = name === undefined ? undefined : PARSE_PASSES[name];
if (pass === undefined || path === undefined) {
  console.error(`usage: measure.ts <${Object.keys(PARSE_PASSES).join("|")}> <file>`);
  process.exit(2);
}
const start = process.hrtime.bigint();
const rows = await pass(path);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ rows, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
