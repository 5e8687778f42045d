import type { Figures } from "../figures.ts";
import { formatDateTime } from "../format.ts";
import { html } from "../html.ts";
import { renderPage } from "../layout.ts";
import type { SitePackage } from "../types.ts";
import { keyFigures } from "./key-figures.ts";
import { packagePagePath } from "./package-page.ts";
import { statusBadge } from "./status.ts";

/** The packages, each with its last update, validation status and key figures. */
export function homePage(packages: readonly { pkg: SitePackage; figures: Figures | null }[], now: Date): string {
  const cards = packages.map(
    ({ pkg, figures }) => html`<article class="fr-mt-4w aap-card" aria-labelledby="paquet-${pkg.name}">
<h2 id="paquet-${pkg.name}" class="fr-h4"><a href="${packagePagePath(pkg.name)}">${pkg.title}</a></h2>
<p class="fr-text--sm">Mis à jour le ${formatDateTime(new Date(pkg.updatedAt))} · ${statusBadge(pkg)} · <a href="qualite.html#${pkg.name}">rapport de validation</a></p>
${figures ? keyFigures(figures, "h3") : html`<p>${pkg.tables.length} tables.</p>`}
<p><a class="fr-link" href="${packagePagePath(pkg.name)}">Graphiques, lauréats et téléchargements<span class="fr-sr-only"> : ${pkg.title}</span></a></p>
</article>`,
  );
  const body = html`<h1 class="fr-mt-4w">Appels à projets de l'État et projets lauréats</h1>
<p class="fr-text--lead">Les appels à projets et guichets par lesquels l'État finance la transformation de ses administrations (France Relance, FTAP…), et les projets qu'ils ont retenus : qui, quoi, combien, quand.</p>
<p>Les données sont validées à chaque publication contre leurs <a href="schemas/index.html">schémas</a> ; des données invalides ne sont jamais publiées.</p>
${packages.length === 0 ? html`<p class="aap-empty">Aucun paquet de données n'a encore été construit.</p>` : cards}`;
  return renderPage({ path: "index.html", title: "Accueil", now, body });
}
