import { cpus, freemem, loadavg, totalmem } from "node:os";

/** One pass's best run. */
export interface Figure {
  label: string;
  /** How it was timed: the whole process as a shell times it, or the pass alone inside its process. */
  how: string;
  rows: number;
  seconds: number;
  rssMB: number;
}

type Names = "oursPlain" | "oursChecks" | "papaparse" | "udsv" | "duckdbPlain" | "duckdbChecks" | "tableschema" | "parseOurs" | "rowByRowPlain" | "rowByRowChecks";

const rate = (figure: Figure): number => figure.rows / figure.seconds;
const fmt = (n: number): string => Math.round(n).toLocaleString("en");

/**
 * Prints the bench's figures and ratios as Markdown, to paste into the README as measured:
 * for each figure how it was measured and its peak RSS; the machine and the date; each ratio
 * beside its target.
 */
export function printTable(f: Record<Names, Figure>, run: { rows: number; bytes: number; repeat: number; loadBefore: number }): void {
  const cpu = cpus();
  const lines: string[] = [];
  // Other processes' load, measured before the bench started and as it ends (1-minute averages).
  const load = Math.max(run.loadBefore, loadavg()[0] ?? 0);
  lines.push(
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GB RAM (${Math.round(freemem() / 2 ** 30)} GB free), Node ${process.version}; ` +
      `${run.rows.toLocaleString("en")} lauréats rows, ${(run.bytes / 1e6).toFixed(0)} MB; best of ${run.repeat} (peak RSS: the highest of the runs).`,
    `Load average: ${run.loadBefore.toFixed(1)} before the run, ${(loadavg()[0] ?? 0).toFixed(1)} at its end, on ${cpu.length} cores.` +
      (load > cpu.length
        ? " **The machine was busy**: a process's threads then share the time one would get, and the multi-threaded passes (aap validate, DuckDB) lose most; re-run on a quiet machine before quoting these figures."
        : ""),
    "",
    "| pass | measured | rows | seconds | rows/s | peak RSS |",
    "|---|---|---:|---:|---:|---:|",
  );
  for (const figure of Object.values(f)) {
    lines.push(`| ${figure.label} | ${figure.how} | ${fmt(figure.rows)} | ${figure.seconds.toFixed(2)} | ${fmt(rate(figure))} | ${figure.rssMB} MB |`);
  }
  const parser = rate(f.papaparse) > rate(f.udsv) ? f.papaparse : f.udsv;
  const ratios: [string, number, string, boolean][] = [];
  const atLeast = (what: string, value: number, target: number): void => void ratios.push([what, value, `≥ ${target}`, value >= target]);
  for (const [ours, duckdb, schema] of [[f.oursPlain, f.duckdbPlain, "plain"], [f.oursChecks, f.duckdbChecks, "plain + custom checks"]] as const) {
    atLeast(`aap validate (${schema}) / the faster of papaparse and udsv (${parser.label.split(",")[0]})`, rate(ours) / rate(parser), 0.5);
    atLeast(`aap validate (${schema}) / tableschema-js (plain)`, rate(ours) / rate(f.tableschema), 20);
    atLeast(`aap validate (${schema}) / DuckDB (${schema})`, rate(ours) / rate(duckdb), 1);
  }
  atLeast("row by row, 1 thread (plain) / our parse, 1 thread", rate(f.rowByRowPlain) / rate(f.parseOurs), 0.5);
  atLeast("row by row, 1 thread (plain + custom checks) / our parse, 1 thread", rate(f.rowByRowChecks) / rate(f.parseOurs), 0.5);
  lines.push("", "| ratio (rows/s over rows/s, same run) | measured | target | met |", "|---|---:|---|---|");
  for (const [what, value, target, met] of ratios) lines.push(`| ${what} | ${ratioText(value)} | ${target} | ${met ? "yes" : "**no**"} |`);
  for (const figure of [f.oursPlain, f.oursChecks]) {
    lines.push(`| peak RSS of ${figure.label} | ${figure.rssMB} MB | < 300 MB | ${figure.rssMB < 300 ? "yes" : "**no**"} |`);
  }
  console.log(`\n${lines.join("\n")}`);
}

/** Truncated to two decimals: a ratio just under its target (0.497 for ≥ 0.5) reads 0.49, not a missed "0.50". */
function ratioText(value: number): string {
  return (Math.floor(value * 100 + 1e-9) / 100).toFixed(2);
}
