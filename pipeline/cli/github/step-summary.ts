import type { RunResult } from "../../orchestrate/run-report.ts";
import type { Annotation } from "./annotations.ts";

/** Rows of problems shown: the summary must stay far below GitHub's 1 MiB per step. */
const MAX_ROWS = 200;

/** The job summary of a build in a pull request: each package's status, then each problem where it is to be fixed. */
export function stepSummary(result: RunResult, annotations: readonly Annotation[]): string {
  const lines = [
    `### Validation des paquets : ${result.ok ? "✅ valides" : `❌ ${annotations.length} problème(s)`}`,
    "",
    "| paquet | statut |",
    "|---|---|",
    ...result.packages.map((outcome) => `| ${cell(outcome.name)} | ${outcome.status} |`),
  ];
  if (annotations.length > 0) {
    lines.push("", "| fichier | ligne | problème |", "|---|---:|---|");
    for (const a of annotations.slice(0, MAX_ROWS)) lines.push(`| ${a.file ? `\`${cell(a.file)}\`` : "—"} | ${a.line ?? "—"} | ${cell(a.message)} |`);
    if (annotations.length > MAX_ROWS) lines.push("", `… et ${annotations.length - MAX_ROWS} de plus (voir output/run-report.json).`);
  }
  return `${lines.join("\n")}\n`;
}

/** A table cell: one line, and a pipe that does not end it. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
