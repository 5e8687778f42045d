import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { defaultThreads } from "../pipeline/frictionless/index.ts";
import { ensureLaureats } from "./generate-laureats.ts";

/**
 * npm run bench:validate [-- --rows 10000000]
 *
 * Issue 3's validation benchmark: a lauréats table (1,000,000 rows by default, ~170 MB,
 * generated once into bench/.data/), then, each in its own process so that peak RSS is its own:
 *   (a) parse-only passes: our CSV reader, and papaparse, udsv, csv-parse for comparison;
 *   (b) our validation of the package (appels + lauréats, full lauréats schema: types,
 *       constraints, primary key, foreign key to the appels), as `aap validate` runs it (the
 *       big file in chunks, one thread per core), and row by row on one thread;
 *   (c) tableschema-js 1.12.6 on a 100,000-row slice, scaled to rows per second.
 * Above a million rows only our own passes run (the flat-memory check). Each pass runs
 * `--repeat` times (default 3) and its fastest run is reported.
 */
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, slice: { type: "string", default: "100000" }, repeat: { type: "string", default: "3" } },
});
const rows = Number(values.rows);
const sliceRows = Number(values.slice);
// The machine is shared: each pass runs `repeat` times and its fastest run counts.
const repeat = Math.max(1, Number(values.repeat));
const dataDir = join(here, ".data");

interface Measure {
  rows: number;
  seconds: number;
  maxRssMB: number;
}

function measureOnce(pass: string, files: string[]): Measure {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(here, "measure.ts"), pass, ...files], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop() as string) as Measure;
}

/** The fastest of `repeat` runs, with the highest peak RSS seen. */
function measure(pass: string, ...files: string[]): Measure {
  const runs = Array.from({ length: repeat }, () => measureOnce(pass, files));
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, maxRssMB: Math.max(...runs.map((run) => run.maxRssMB)) };
}

console.log(`generating (once) ${rows.toLocaleString("en")} lauréats into bench/.data/ ...`);
const full = await ensureLaureats(dataDir, rows);
const big = rows <= 1_000_000;
const slice = big ? await ensureLaureats(dataDir, sliceRows) : undefined;
console.log(`laureats-${rows}.csv: ${(full.bytes / 1e6).toFixed(0)} MB\n`);

const results: [string, Measure][] = [];
const run = (label: string, pass: string, ...files: string[]): Measure => {
  const result = measure(pass, ...files);
  results.push([label, result]);
  console.log(`  ${label}: ${result.seconds.toFixed(2)} s (best of ${repeat})`);
  return result;
};
const parseOurs = run("(a) parse only, our reader", "parse:ours", full.laureats);
const parsers = big ? ["papaparse", "udsv", "csv-parse"].map((name) => run(`(a) parse only, ${name}`, `parse:${name}`, full.laureats)) : [];
const threads = defaultThreads();
const ours = run(`(b) validation, full schema, ${threads} threads`, "validate:ours", full.laureats, full.appels);
const oneThread = run("(b) validation, full schema, row by row on 1 thread", "validate:ours-one-thread", full.laureats, full.appels);
const reference = slice ? run(`(c) tableschema-js 1.12.6, ${sliceRows.toLocaleString("en")}-row slice`, "validate:tableschema", slice.laureats, slice.appels) : undefined;

const rate = (m: Measure): number => m.rows / m.seconds;
console.log("\n| pass | rows | seconds | rows/s | peak RSS |");
console.log("|---|---:|---:|---:|---:|");
for (const [label, m] of results) {
  console.log(`| ${label} | ${m.rows.toLocaleString("en")} | ${m.seconds.toFixed(2)} | ${Math.round(rate(m)).toLocaleString("en")} | ${m.maxRssMB} MB |`);
}
const fastest = Math.max(...[parseOurs, ...parsers].map(rate));
console.log(`\nb/a: validation at ${(rate(ours) / fastest).toFixed(2)} × the fastest parse-only pass (target ≥ 0.5), ${(rate(ours) / rate(parseOurs)).toFixed(2)} × our own parse`);
console.log(`     row by row on 1 thread: ${(rate(oneThread) / fastest).toFixed(2)} × the fastest parse-only pass`);
if (reference) console.log(`b/c: ${(rate(ours) / rate(reference)).toFixed(1)} × tableschema-js (target ≥ 20)`);
console.log(`peak RSS of the validation: ${ours.maxRssMB} MB (target < 300 MB at 1M rows)`);
