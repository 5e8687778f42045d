import { renderDescription } from "../description.ts";
import { tooLongForFigures, type Figures } from "../figures.ts";
import { formatBytesFr, formatDateTime, formatInteger } from "../format.ts";
import { html } from "../html.ts";
import { renderPage } from "../layout.ts";
import type { SitePackage } from "../types.ts";
import { callsList } from "./calls-list.ts";
import { chartsSection } from "./charts-section.ts";
import { downloadsSection } from "./downloads-section.ts";
import { keyFigures } from "./key-figures.ts";
import { projectsTable } from "./projects-table.ts";
import { statusBadge } from "./status.ts";

export function packagePagePath(name: string): string {
  return `paquets/${encodeURIComponent(name)}.html`;
}

/** A package's page: figures, charts, calls, projects, then every download. */
export function packagePage(pkg: SitePackage, figures: Figures | null, now: Date, formatsExpected: number): string {
  const path = packagePagePath(pkg.name);
  const root = "../";
  const tables = pkg.tables.map(
    (table) => html`<tr><td>${table.title}</td><td><code>${table.path}</code></td><td class="aap-num">${formatInteger(table.rowCount)}</td><td class="aap-num">${formatBytesFr(table.bytes)}</td></tr>`,
  );
  const body = html`<h1 class="fr-mt-4w">${pkg.title}</h1>
<p class="fr-text--sm">Version ${pkg.version}, mise à jour le ${formatDateTime(new Date(pkg.updatedAt))}. ${statusBadge(pkg)}
 <a href="${root}qualite.html#${pkg.name}">Rapport de validation</a> · <a href="${root}changements.html#${pkg.name}">Ce qui a changé</a></p>
${figures ? keyFigures(figures) : ""}
${tooLongForFigures(pkg) ? html`<p class="fr-mt-4w aap-empty">Ce paquet compte trop de lignes pour que cette page en donne les chiffres clés, les graphiques et le tableau : toutes sont dans les fichiers à télécharger ci-dessous.</p>` : ""}
<div class="fr-mt-4w">${renderDescription(pkg.description)}</div>
${downloadsSection(pkg, root, formatsExpected)}
${figures ? chartsSection(figures) : ""}
${figures && figures.callsList.length > 0 ? callsList(figures.callsList, now) : ""}
${figures && figures.projectsList.length > 0 ? projectsTable(figures.projectsList) : ""}
<section class="fr-mt-6w" aria-labelledby="titre-tables"><h2 id="titre-tables">Les tables du paquet</h2>
<div class="fr-table fr-table--bordered aap-scroll" tabindex="0" role="region" aria-label="Tables du paquet"><table><caption>Tables du paquet</caption><thead><tr><th scope="col">Table</th><th scope="col">Fichier</th><th scope="col" class="aap-num">Lignes</th><th scope="col" class="aap-num">Taille</th></tr></thead><tbody>${tables}</tbody></table></div></section>`;
  return renderPage({ path, title: pkg.title, now, body, script: Boolean(figures && figures.projectsList.length > 0) });
}

