import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeBenchSchemas } from "./bench-schemas.ts";
import { ensureLaureats } from "./generate-laureats.ts";
import { printTable, type Figure } from "./print-table.ts";
import { runProcess } from "./run-process.ts";

/**
 * npm run bench:validate [-- --rows 1000000 --slice 100000 --repeat 3]
 *
 * The validator as a user times it: `aap validate big.csv --schema <schema> --json`, the built
 * program as its own process, on a lauréats table (1,000,000 rows, ~180 MB, generated once into
 * bench/.data/), with two schemas made from schemas/laureats/schema.json (bench-schemas.ts):
 * plain, and plain plus custom checks. Baselines, each its own process, in the same run:
 * papaparse and udsv parsing only; DuckDB reading the file with the schema's types and running
 * the same checks as SQL; tableschema-js on the same table (about 30 s a run here; `--slice N` times it on
 * the first N rows instead, for a quick look: rows per second then carry its start-up N-fold). In process (one thread, the
 * process's start left out): our parse alone and our row-by-row validation.
 * Rounds of every pass, `--repeat` times (interleaved: a busy moment hits every pass alike);
 * each pass's fastest run counts. The table printed is Markdown, for the README.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, slice: { type: "string" }, repeat: { type: "string", default: "3" } } });
const rows = Number(values.rows);
const sliceRows = Number(values.slice ?? rows);
const repeat = Math.max(1, Number(values.repeat));
const dataDir = join(root, "bench/.data");

console.log("building dist/ (aap runs the built program) ...");
execFileSync(process.execPath, [join(root, "pipeline/cli/build/build.js")], { stdio: "inherit" });
console.log(`generating (once) ${rows.toLocaleString("en")} lauréats into bench/.data/ ...`);
const full = await ensureLaureats(dataDir, rows);
const slice = await ensureLaureats(dataDir, sliceRows);
const schemas = writeBenchSchemas(dataDir);
const rel = (path: string): string => path.slice(root.length + 1);

interface Pass {
  label: string;
  how: Figure["how"];
  /** Rows per second are `rows / seconds × scale`-free: the pass's own rows count. */
  run: () => { seconds: number; rssMB: number; rows: number };
}

const node = process.execPath;
/** A whole process whose stdout is `{"rows":N,…}` (and `"errors":0` when it checks). */
const baseline = (script: string, ...args: string[]): Pass["run"] => () => {
  const run = runProcess([node, join(root, "bench/baselines", script), ...args], root);
  const out = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as { rows: number; errors?: number };
  if (run.status !== 0 || (out.errors ?? 0) > 0) throw new Error(`${script} failed (exit ${run.status}): ${run.stdout.slice(0, 500)}`);
  return { seconds: run.seconds, rssMB: run.rssMB, rows: out.rows };
};
const aapValidate = (schema: string): Pass["run"] => () => {
  const run = runProcess([node, join(root, "pipeline/cli/aap.js"), "validate", rel(full.laureats), "--schema", rel(schema), "--json"], root);
  const report = JSON.parse(run.stdout) as { valid: boolean; tasks: { stats: { rows: number } }[] };
  if (run.status !== 0 || !report.valid) throw new Error(`aap validate found the bench data invalid: ${run.stdout.slice(0, 1000)}`);
  return { seconds: run.seconds, rssMB: run.rssMB, rows: report.tasks[0]?.stats.rows ?? 0 };
};
const inProcess = (pass: string, ...args: string[]): Pass["run"] => () => {
  const out = execFileSync(node, ["--import", "tsx", join(root, "bench/measure.ts"), pass, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, TSX_DISABLE_CACHE: "1" } });
  const m = JSON.parse(out.trim().split("\n").pop() as string) as { rows: number; seconds: number; maxRssMB: number };
  return { seconds: m.seconds, rssMB: m.maxRssMB, rows: m.rows };
};

const PASSES = {
  oursPlain: { label: "aap validate, plain schema", how: "whole process", run: aapValidate(schemas.plain) },
  oursChecks: { label: "aap validate, plain + custom checks", how: "whole process", run: aapValidate(schemas.checks) },
  papaparse: { label: "papaparse 5, parse only", how: "whole process", run: baseline("papaparse.js", full.laureats) },
  udsv: { label: "udsv, parse only", how: "whole process", run: baseline("udsv.js", full.laureats) },
  duckdbPlain: { label: "DuckDB, plain schema as SQL", how: "whole process", run: baseline("duckdb.js", full.laureats, schemas.plain) },
  duckdbChecks: { label: "DuckDB, plain + custom checks as SQL", how: "whole process", run: baseline("duckdb.js", full.laureats, schemas.checks) },
  tableschema: { label: "tableschema-js 1.12.6, plain schema", how: sliceRows < rows ? `whole process, ${sliceRows.toLocaleString("en")}-row slice` : "whole process", run: baseline("tableschema.js", slice.laureats, schemas.plain) },
  parseOurs: { label: "our CSV reader, parse only, 1 thread", how: "in process", run: inProcess("parse:ours", full.laureats) },
  rowByRowPlain: { label: "row by row, 1 thread, plain schema", how: "in process", run: inProcess("validate:ours-one-thread", full.laureats, schemas.plain) },
  rowByRowChecks: { label: "row by row, 1 thread, plain + custom checks", how: "in process", run: inProcess("validate:ours-one-thread", full.laureats, schemas.checks) },
} satisfies Record<string, Pass>;
type Name = keyof typeof PASSES;

console.log(`${rel(full.laureats)}: ${(full.bytes / 1e6).toFixed(0)} MB; ${repeat} round(s) of ${Object.keys(PASSES).length} passes\n`);
const loadBefore = loadavg()[0] ?? 0;
const best = new Map<Name, Figure>();
for (let round = 1; round <= repeat; round++) {
  for (const [name, pass] of Object.entries(PASSES) as [Name, Pass][]) {
    const run = pass.run();
    const previous = best.get(name);
    console.log(`  round ${round}: ${pass.label}: ${run.seconds.toFixed(2)} s, ${run.rssMB} MB`);
    // The fastest run counts; peak RSS is the highest seen.
    if (previous === undefined || run.seconds < previous.seconds) best.set(name, { label: pass.label, how: pass.how, ...run, rssMB: Math.max(run.rssMB, previous?.rssMB ?? 0) });
    else previous.rssMB = Math.max(previous.rssMB, run.rssMB);
  }
}
printTable(Object.fromEntries(best) as Record<Name, Figure>, { rows, bytes: full.bytes, repeat, loadBefore });
