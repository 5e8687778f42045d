import type { ReportTask, ValidationError } from "../../frictionless/index.ts";
import { formatBytesFr, formatInteger } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { dataTable, EMPTY } from "../table.ts";
import type { SitePackage } from "../types.ts";
import { packagePagePath } from "./package-page.ts";
import { statusBadge } from "./status.ts";

/** Errors listed per package: a report of thousands of errors says how many, and shows the first ones. */
export const MAX_ERRORS_SHOWN = 200;

export function badgePath(name: string): string {
  return `badges/${encodeURIComponent(name)}.svg`;
}

/** Each package's last validation report as a reader wants it: verdict, per-table counts, then each error. */
export function qualityPage(packages: readonly SitePackage[], now: Date): string {
  const sections = packages.map((pkg) => html`<section class="fr-mt-6w" id="${pkg.name}" aria-labelledby="qualite-${pkg.name}">
<h2 id="qualite-${pkg.name}"><a href="${packagePagePath(pkg.name)}">${pkg.title}</a></h2>
<p>${statusBadge(pkg)}</p>
<p><img src="${badgePath(pkg.name)}" alt="Badge : état de validation des données de ${pkg.title}"></p>
<p class="fr-text--sm">Pour afficher ce badge dans un README : <code>![données](${badgePath(pkg.name)})</code>, préfixé de l'adresse de ce site.</p>
${pkg.report ? reportBody(pkg) : html`<p class="aap-empty">Le rapport de validation de ce paquet n'est pas encore disponible.</p>`}
</section>`);
  const body = html`<h1 class="fr-mt-4w">Qualité des données</h1>
<p>Chaque paquet est validé avant publication contre ses schémas (types, contraintes, clés, contrôles propres aux données françaises comme le SIREN). Voici le dernier rapport de chacun, dans les termes de frictionless.</p>
${packages.length === 0 ? html`<p class="aap-empty">Aucun paquet de données n'a encore été construit.</p>` : sections}`;
  return renderPage({ path: "qualite.html", title: "Qualité des données", now, body });
}

function reportBody(pkg: SitePackage): SafeHtml {
  const report = pkg.report!;
  const tasks = report.tasks.map(
    (task: ReportTask) => html`<tr><td>${task.name}</td><td><code>${task.place}</code></td><td>${task.valid ? "valide" : "invalide"}</td><td class="aap-num">${formatInteger(task.stats.rows)}</td><td class="aap-num">${formatInteger(task.stats.errors)}</td><td class="aap-num">${formatBytesFr(task.stats.bytes)}</td></tr>`,
  );
  const errors: { table: string; error: ValidationError }[] = [
    ...report.errors.map((error) => ({ table: "", error })),
    ...report.tasks.flatMap((task) => task.errors.map((error) => ({ table: task.name, error }))),
  ];
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  const errorRows = shown.map(
    ({ table, error }) => html`<tr><td><code>${error.type}</code></td><td>${table || EMPTY}</td><td class="aap-num">${error.rowNumber ?? ""}</td><td>${error.fieldName ?? ""}</td><td>${error.cell ?? ""}</td><td>${error.message}</td></tr>`,
  );
  const verdict = report.valid
    ? html`<p>Toutes les tables sont valides : ${formatInteger(report.stats.tasks)} contrôlées, aucune erreur.</p>`
    : html`<p><strong>${formatInteger(report.stats.errors)} erreur${report.stats.errors > 1 ? "s" : ""}</strong> : ce paquet n'a pas été publié.</p>`;
  return html`${verdict}
${dataTable({ caption: `Tables contrôlées (${pkg.title})`, headers: ["Table", "Fichier", "Verdict", "Lignes", "Erreurs", "Taille"], rows: tasks, numeric: [3, 4, 5] })}
${report.warnings.length > 0 ? html`<ul>${report.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ""}
${errors.length > 0 ? dataTable({ caption: `Erreurs${errors.length > shown.length ? ` (les ${MAX_ERRORS_SHOWN} premières sur ${formatInteger(errors.length)})` : ""}`, headers: ["Type", "Table", "Ligne", "Champ", "Valeur", "Message"], rows: errorRows, numeric: [2] }) : ""}`;
}
