import type { PackageSummary, RunSummary } from "./run-summary.ts";

/**
 * The words of the alerts, in French: they speak to the data team that runs the nightly, in the
 * issue, its comments and the chat message alike. Plain text in, Markdown out.
 */

export const ALERT_LABEL = "publication-nocturne";
export const ISSUE_TITLE = "Publication nocturne en échec";

const STATUS: Record<string, string> = {
  published: "publié",
  unchanged: "inchangé",
  built: "construit",
  planned: "plan seulement (rien d'envoyé)",
  invalid: "données invalides",
  failed: "échec",
};

const STAGE: Record<string, string> = {
  extract: "lecture des sources (extract)",
  transform: "mise au schéma (transform)",
  package: "écriture du paquet (package)",
  validate: "validation (validate)",
  publish: "publication sur data.gouv.fr (publish)",
};

export interface RunLink {
  runUrl?: string;
}

/** The body of the issue, opened at the first failure; each failure is then a comment. */
export function issueBody(link: RunLink): string {
  return [
    "La publication nocturne des jeux de données a échoué. Chaque échec est ajouté en commentaire ci-dessous,",
    "avec le paquet, l'étape, les premières erreurs et ce qu'il faut faire.",
    "",
    "Cette issue est fermée automatiquement à la prochaine exécution réussie. Tant qu'elle est ouverte,",
    "data.gouv.fr garde la dernière publication réussie : rien d'invalide n'y est envoyé.",
    "",
    `Première exécution en échec : ${link.runUrl ?? "lien non fourni (aap notify --run-url)"}`,
  ].join("\n");
}

/** One failure: what failed, where, the first errors, and what to do. */
export function failureMessage(summary: RunSummary, link: RunLink): string {
  const failing = summary.packages.filter((p) => p.failingStage !== undefined);
  const lines = [`### ❌ ${ISSUE_TITLE}${summary.startedAt ? ` (exécution du ${summary.startedAt})` : ""}`, "", runLine(link), ""];
  if (summary.packages.length > 0) {
    lines.push("| paquet | statut | étape en échec |", "|---|---|---|");
    for (const p of summary.packages) lines.push(`| ${p.name} | ${STATUS[p.status] ?? p.status} | ${p.failingStage ? (STAGE[p.failingStage] ?? p.failingStage) : "—"} |`);
    lines.push("");
  }
  for (const p of failing) lines.push(...packageDetails(p), "");
  if (summary.missingReports.length > 0) {
    lines.push(
      `Rapport d'exécution absent (${summary.missingReports.join(", ")}) : l'exécution s'est arrêtée avant de l'écrire (configuration, secret manquant, arrêt brutal).`,
      "**Que faire :** ouvrir le journal de l'exécution ci-dessus pour lire l'erreur, corriger, puis relancer le workflow.",
      "",
    );
  }
  if (failing.length === 0 && summary.missingReports.length === 0) lines.push("L'exécution a échoué sans qu'un paquet soit en cause : voir son journal.", "");
  return lines.join("\n").trimEnd();
}

/** The success that ends a series of failures: said in the issue before it is closed. */
export function recoveryMessage(summary: RunSummary, link: RunLink): string {
  const packages = summary.packages.map((p) => `${p.name} (${STATUS[p.status] ?? p.status})`).join(", ");
  return [
    `### ✅ Publication nocturne rétablie${summary.startedAt ? ` (exécution du ${summary.startedAt})` : ""}`,
    "",
    runLine(link),
    "",
    `Tous les paquets sont à jour sur data.gouv.fr${packages ? ` : ${packages}` : ""}. Cette issue est fermée ; elle sera rouverte (une nouvelle) au prochain échec.`,
  ].join("\n");
}

function runLine(link: RunLink): string {
  return `Exécution : ${link.runUrl ?? "lien non fourni"}`;
}

function packageDetails(p: PackageSummary): string[] {
  const lines = [`#### ${p.name}`, ""];
  if (p.errors.length > 0) {
    lines.push(`Premières erreurs (${p.errorCount} en tout) :`, "", "```", ...p.errors.flatMap((e) => e.split("\n")), "```");
    if (p.errorCount > p.errors.length) lines.push(`… et ${p.errorCount - p.errors.length} de plus dans le rapport d'exécution (run-report.md, dans les artefacts).`);
    lines.push("");
  }
  lines.push(`**Que faire :** ${whatToDo(p)}`);
  return lines;
}

function whatToDo(p: PackageSummary): string {
  if (p.status === "invalid") {
    return `corriger la donnée indiquée (fichier, ligne, champ) dans la source, sous \`datapackages/${p.name}/sources/\` ou dans l'outil d'où elle vient, puis relancer le workflow. Rien n'a été publié : le jeu de données en ligne reste celui de la dernière nuit réussie.`;
  }
  if (p.failingStage === "extract") {
    return "une source n'a pas pu être lue. Vérifier qu'elle répond et que son jeton est valide (les secrets que le paquet lit sont listés par `aap list`), puis relancer le workflow.";
  }
  if (p.failingStage === "publish") {
    return "data.gouv.fr a refusé ou n'a pas répondu. Vérifier la clé `DATAGOUV_API_KEY` de l'environnement et l'état de data.gouv.fr, puis relancer le workflow : la publication reprend où elle s'est arrêtée.";
  }
  if (p.status === "planned") return "rien n'a été envoyé : la clé `DATAGOUV_API_KEY` manque à l'environnement de l'exécution.";
  return "lire l'erreur ci-dessus et le journal de l'exécution, corriger, puis relancer le workflow.";
}
