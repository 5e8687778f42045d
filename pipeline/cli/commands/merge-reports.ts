import type { Command } from "../command.ts";

export const mergeReportsCommand: Command = {
  name: "merge-reports",
  summary: "gather the run reports of a fanned-out run into one report",
  help: `Usage: aap merge-reports <dir> [--expect a,b] [--output DIR] [--site]

Reads every run-report.json in <dir> and its sub-folders (one per job's artifact), and writes one
report for the whole run, run-report.json and run-report.md, to the output folder: the one
"aap notify" reads and the job summary shows. A package named by --expect that has no report
(its job timed out or was cancelled) counts as failed; so does a run with no package at all.
With --site, each job's package folder is copied into the output folder too, and output/site/ is
written from all of them: one site for the night, each package linked to the dataset its job published.

Options:
  --expect LIST     the packages the run was meant to cover, comma-separated
  --output DIR      where to write the merged report (default: output)
  --site            gather the jobs' packages and write the site from them
  -h, --help        show this help

Exit codes: 0 every package succeeded, 1 one failed or is missing, 2 bad usage or an unreadable report.
`,
  options: { expect: { type: "string" }, output: { type: "string" }, site: { type: "boolean" } },
  run: async (args, io) => (await import("./gather-reports.ts")).gatherReports(args, io),
};
