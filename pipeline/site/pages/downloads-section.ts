import { formatBytesFr } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import type { SiteDownload, SitePackage } from "../types.ts";

/** Where a package's files sit in the site, from the site's root. */
export function downloadsDir(pkg: SitePackage): string {
  return `donnees/${encodeURIComponent(pkg.name)}/`;
}

function link(root: string, pkg: SitePackage, file: SiteDownload): SafeHtml {
  const extension = file.path.split(".").pop()!.toUpperCase();
  return html`<li><a class="fr-link fr-link--download" href="${root}${downloadsDir(pkg)}${encodeURIComponent(file.path)}" type="${file.mediatype}">${file.label}<span class="fr-link__detail">${extension} – ${formatBytesFr(file.bytes)}</span></a><p class="fr-text--xs fr-mb-1w">${file.description}</p></li>`;
}

/** Every table in every format present, the package's own files, and the data.gouv.fr dataset. */
export function downloadsSection(pkg: SitePackage, root: string, formatsExpected: number): SafeHtml {
  const tables = pkg.tables.map((table) => {
    // An empty table is not offered, as on data.gouv.fr (an empty SCDL file would read as "no grant").
    if (table.rowCount === 0) {
      return html`<div class="fr-col-12 fr-col-md-6"><h3 class="fr-h6">${table.title}</h3><p class="fr-text--sm aap-empty">Cette table n'a encore aucune ligne : ses fichiers ne sont pas proposés. La documentation du paquet dit pourquoi ; ils apparaîtront ici dès qu'une ligne existera.</p></div>`;
    }
    const files = pkg.downloads[table.name] ?? [];
    const missing = files.length < formatsExpected + 1;
    return html`<div class="fr-col-12 fr-col-md-6"><h3 class="fr-h6">${table.title}</h3><ul class="aap-plain">${files.map((file) => link(root, pkg, file))}</ul>${
      missing ? html`<p class="fr-text--sm aap-empty">Les autres formats (tableur XLSX, JSON, NDJSON) ne sont pas encore disponibles pour cette table.</p>` : ""
    }</div>`;
  });
  const own = pkg.downloads[""] ?? [];
  const dataset = pkg.dataset
    ? html`<p><a class="fr-link" href="${pkg.dataset.url}" rel="noopener">Le jeu de données sur data.gouv.fr</a></p>`
    : html`<p class="aap-empty">Ce paquet n'est pas encore publié sur data.gouv.fr : le lien vers le jeu de données apparaîtra ici après la première publication.</p>`;
  return html`<section class="fr-mt-6w" aria-labelledby="titre-telechargements"><h2 id="titre-telechargements">Télécharger les données</h2>${dataset}
<div class="fr-grid-row fr-grid-row--gutters">${tables}<div class="fr-col-12 fr-col-md-6"><h3 class="fr-h6">Le paquet de données</h3><ul class="aap-plain">${own.map((file) => link(root, pkg, file))}</ul></div></div></section>`;
}
