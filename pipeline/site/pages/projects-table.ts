import type { Project } from "../figures.ts";
import { formatDate, formatEuros, formatInteger } from "../format.ts";
import { externalUrl, html, type SafeHtml } from "../html.ts";
import { dataTable, EMPTY } from "../table.ts";

/** The filters the script wires: one per column a reader narrows by, named as the rows' data attributes. */
export const FILTERS = [
  { key: "appel", label: "Appel à projets", of: (p: Project) => p.call },
  { key: "programme", label: "Programme", of: (p: Project) => p.programme },
  { key: "ministere", label: "Ministère", of: (p: Project) => p.ministry },
  { key: "statut", label: "Statut", of: (p: Project) => p.status },
] as const;

export const PROJECTS_TABLE_ID = "tableau-laureats";

/**
 * Every funded project, in full in the HTML: without JavaScript the table reads as it is; with
 * it, the form (hidden until the script shows it) searches, filters and sorts the rows.
 */
export function projectsTable(projects: readonly Project[]): SafeHtml {
  const selects = FILTERS.map(({ key, label, of }) => {
    const values = [...new Set(projects.map(of))].sort((a, b) => a.localeCompare(b, "fr"));
    return html`<div class="fr-select-group fr-col-12 fr-col-md-6 fr-col-lg-3"><label class="fr-label" for="filtre-${key}">${label}</label><select class="fr-select" id="filtre-${key}" data-filtre="${key}"><option value="">Tous</option>${values.map((v) => html`<option value="${v}">${v}</option>`)}</select></div>`;
  });
  const form = html`<form class="aap-filters fr-mb-2w" data-table="${PROJECTS_TABLE_ID}" hidden>
<div class="fr-input-group"><label class="fr-label" for="recherche-laureats">Rechercher (titre, porteur, appel…)</label><input class="fr-input" type="search" id="recherche-laureats" data-recherche></div>
<div class="fr-grid-row fr-grid-row--gutters">${selects}</div>
<p class="fr-mt-2w" aria-live="polite" data-compte>${formatInteger(projects.length)} projets affichés sur ${formatInteger(projects.length)}</p>
</form>`;
  const rows = projects.map((p) => {
    const data = FILTERS.map(({ key, of }) => html` data-${key}="${of(p)}"`);
    const source = externalUrl(p.source);
    return html`<tr${data}><td>${source ? html`<a href="${source}" rel="noopener">${p.title}</a>` : p.title}</td><td>${p.holder || EMPTY}</td><td>${p.call}</td><td>${p.programme}</td><td>${p.ministry}</td><td class="aap-num" data-tri="${p.amount ?? ""}">${p.amount === null ? EMPTY : formatEuros(p.amount)}</td><td data-tri="${p.decision}">${p.decision ? formatDate(p.decision) : EMPTY}</td><td>${p.status}</td></tr>`;
  });
  const table = dataTable({
    id: PROJECTS_TABLE_ID,
    caption: `Projets lauréats (${formatInteger(projects.length)})`,
    headers: ["Projet", "Porteur", "Appel à projets", "Programme", "Ministère", "Montant accordé", "Date de décision", "Statut"],
    rows,
    numeric: [5],
  });
  return html`<section class="fr-mt-6w" aria-labelledby="titre-laureats"><h2 id="titre-laureats">Projets lauréats</h2>
<p>Le titre de chaque projet mène à sa source publique.<noscript> Activez JavaScript pour rechercher, filtrer et trier ce tableau.</noscript></p>
${form}${table}</section>`;
}
