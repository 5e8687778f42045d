import type { PackageOutcome } from "./run-package.ts";
import type { SiteOutcome } from "./run-site.ts";
import { formatDuration } from "../log/format.ts";
import { scdlGaps } from "../transform/scdl/scdl-gaps.ts";
import { changesSection } from "./run-report-changes.ts";

/** What a run did, package by package: written to output/run-report.json and rendered below. */
export interface RunResult {
  ok: boolean;
  startedAt: string;
  finishedAt: string;
  packages: PackageOutcome[];
  /** output/site/, written at the end of the run; absent from reports written before the site existed. */
  site?: SiteOutcome;
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
  if (result.site) lines.push("", siteLine(result.site));
  for (const outcome of result.packages) lines.push("", ...details(outcome));
  return `${lines.join("\n")}\n`;
}

function siteLine(site: SiteOutcome): string {
  const took = site.status === "written" && site.milliseconds !== undefined ? ` en ${formatDuration(site.milliseconds)}, pic de mémoire du processus ${site.peakRssMB} Mo` : "";
  return site.status === "written" ? `Site : ${site.pages} pages écrites dans \`output/site/\`${took}.` : `Site : **non écrit**, le précédent reste en place.\n\n\`\`\`\n${site.failure}\n\`\`\``;
}

function summaryRow(outcome: PackageOutcome): string {
  const count = (stage: string, key: string) => outcome.stages.find((s) => s.stage === stage)?.counts[key];
  const steps = outcome.steps ?? [];
  const total = [...outcome.stages, ...steps].reduce((sum, timed) => sum + timed.milliseconds, 0);
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
  for (const step of outcome.steps ?? []) lines.push(`- étape ${step.step} : ${formatDuration(step.milliseconds)}, pic de mémoire du processus ${step.peakRssMB} Mo`);
  if (outcome.failure) lines.push("", "**Échec :**", "", "```", outcome.failure, "```");
  const errors = [...outcome.transformIssues.map((i) => i.message), ...outcome.validationErrors.map((e) => e.text)];
  if (errors.length > 0) lines.push("", `**${errors.length} erreur(s) :**`, "", ...bounded(errors.map((e) => `- ${e}`)));
  lines.push(...scdlAbsence(outcome));
  lines.push(...changesSection(outcome.changes));
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

/** Why the SCDL file is not on data.gouv.fr, and what the lauréats lack most: what to publish first. */
function scdlAbsence(outcome: PackageOutcome): string[] {
  const file = outcome.plan?.withheld.find((withheld) => withheld.cause === "empty-scdl");
  if (!file) return [];
  const gaps = scdlGaps(outcome.scdlExcluded).map((gap) => `${gap.field} (${gap.laureats})`);
  return [
    "",
    `Fichier SCDL ${file.key} non proposé sur data.gouv.fr : il n'a aucune ligne, car aucun lauréat ne réunit les informations que le SCDL exige` +
      `${outcome.scdlExcluded.length > 0 ? ` (${outcome.scdlExcluded.length} lauréats exclus)` : ""}. ` +
      "Un fichier vide déclaré conforme alimenterait la consolidation nationale des subventions ; il reviendra de lui-même dès qu'une ligne existera." +
      (gaps.length > 0 ? ` Informations manquantes, par champ SCDL (nombre de lauréats) : ${gaps.join(", ")}.` : ""),
  ];
}

function bounded(lines: string[]): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `- … et ${lines.length - MAX_LINES} de plus (voir run-report.json)`];
}
