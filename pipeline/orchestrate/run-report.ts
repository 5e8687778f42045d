import type { PackageOutcome } from "./run-package.ts";
import { formatDuration } from "../log/format.ts";

/** What a run did, package by package: written to output/run-report.json and rendered below. */
export interface RunResult {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  packages: PackageOutcome[];
}

const STATUS_TEXT: Record<PackageOutcome["status"], string> = {
  published: "✅ publié",
  planned: "📝 plan seulement (rien d'envoyé)",
  built: "✅ construit",
  unchanged: "⏸ inchangé",
  invalid: "❌ données invalides",
  failed: "❌ échec",
};

/** Lines of detail kept per list: the job summary must stay far below GitHub's 1 MiB. */
const MAX_LINES = 30;

/** The run report a person reads in ten seconds: one table, then what needs attention. */
export function renderRunReport(result: RunResult): string {
  const lines = [
    `# Rapport d'exécution aap-opendata`,
    "",
    `Début ${result.startedAt}, fin ${result.finishedAt} : ${result.ok ? "succès" : "**échec**"}.`,
    "",
    "| paquet | statut | lignes | fichiers | durée |",
    "|---|---|---|---|---|",
    ...result.packages.map(summaryRow),
  ];
  for (const outcome of result.packages) lines.push("", ...details(outcome));
  return `${lines.join("\n")}\n`;
}

function summaryRow(outcome: PackageOutcome): string {
  const count = (stage: string, key: string) => outcome.stages.find((s) => s.stage === stage)?.counts[key];
  const total = outcome.stages.reduce((sum, stage) => sum + stage.milliseconds, 0);
  return `| ${outcome.name} | ${statusText(outcome)} | ${count("transform", "rows") ?? "—"} | ${count("package", "files") ?? "—"} | ${formatDuration(total)} |`;
}

function statusText(outcome: PackageOutcome): string {
  const check = outcome.remoteCheck;
  if (!check) return STATUS_TEXT[outcome.status];
  return check.drift.length === 0 ? `${STATUS_TEXT.unchanged} (vérifié sur data.gouv.fr)` : `${STATUS_TEXT[outcome.status]} (écarts corrigés sur data.gouv.fr)`;
}

function details(outcome: PackageOutcome): string[] {
  const lines = [`## ${outcome.name}`, ""];
  for (const stage of outcome.stages) {
    const { peakRssMB, ...rest } = stage.counts;
    const counts = Object.entries(rest).map(([key, value]) => `${key} ${value}`).join(", ");
    // Process-wide and never decreasing: the most memory the run had needed by the end of the stage.
    const memory = peakRssMB === undefined ? "" : `, pic de mémoire du processus ${peakRssMB} Mo`;
    lines.push(`- ${stage.stage} : ${counts || "—"} (${formatDuration(stage.milliseconds)}${memory})`);
  }
  if (outcome.failure) lines.push("", "**Échec :**", "", "```", outcome.failure, "```");
  const errors = [...outcome.transformIssues.map((i) => i.message), ...outcome.validationErrors.map((e) => e.text)];
  if (errors.length > 0) lines.push("", `**${errors.length} erreur(s) :**`, "", ...bounded(errors.map((e) => `- ${e}`)));
  if (outcome.scdlExcluded.length > 0) {
    lines.push("", `Lauréats absents de l'export SCDL (${outcome.scdlExcluded.length}) :`, "", ...bounded(outcome.scdlExcluded.map((x) => `- ${x.key} : ${x.reason}`)));
  }
  if (outcome.sources.length > 0) {
    lines.push("", "Sources :", "", ...bounded(outcome.sources.map((s) => `- ${s.source} (${s.connector}, ${s.records ?? "?"} enregistrements, lu le ${s.fetchedAt})`)));
  }
  if (outcome.remoteCheck && outcome.remoteCheck.drift.length > 0) {
    lines.push("", `Écarts trouvés sur ${outcome.remoteCheck.instance} (modifications faites hors du pipeline) :`, "", ...bounded(outcome.remoteCheck.drift.map((line) => `- ${line}`)));
  }
  if (outcome.planText) lines.push("", "Plan de publication :", "", "```", ...bounded(outcome.planText.split("\n")), "```");
  if (outcome.dataset?.page) lines.push("", `Jeu de données : ${outcome.dataset.page}`);
  return lines;
}

function bounded(lines: string[]): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `- … et ${lines.length - MAX_LINES} de plus (voir run-report.json)`];
}
