import type { ModifiedRow, Row, RunChanges, TableChanges } from "../../package/changes/change-history.ts";
import { formatDateTime, formatInteger } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import type { SitePackage } from "../types.ts";
import { packagePagePath } from "./package-page.ts";

/** Rows listed per kind of change; the counts above them stay exact. */
export const MAX_ROWS_SHOWN = 50;

/** What changed in each table at each of the last runs, by primary key, from changes.json. */
export function changesPage(packages: readonly SitePackage[], now: Date): string {
  const sections = packages.map((pkg) => html`<section class="fr-mt-6w" id="${pkg.name}" aria-labelledby="changements-${pkg.name}">
<h2 id="changements-${pkg.name}"><a href="${packagePagePath(pkg.name)}">${pkg.title}</a></h2>
${
  pkg.changes === null
    ? html`<p class="aap-empty">L'historique des changements de ce paquet n'est pas encore disponible : il apparaîtra ici après les prochaines publications.</p>`
    : pkg.changes.runs.length === 0
      ? html`<p>Aucune publication n'est encore enregistrée.</p>`
      : pkg.changes.runs.map((run, i) => runSection(run, `${pkg.name}-${i}`))
}
</section>`);
  const body = html`<h1 class="fr-mt-4w">Ce qui a changé</h1>
<p>Pour chaque table, les lignes ajoutées, retirées et modifiées d'une publication à la suivante, reconnues par leur clé primaire.</p>
${packages.length === 0 ? html`<p class="aap-empty">Aucun paquet de données n'a encore été construit.</p>` : sections}`;
  return renderPage({ path: "changements.html", title: "Ce qui a changé", now, body });
}

function runSection(run: RunChanges, id: string): SafeHtml {
  const since = run.previousAt ? html`comparée à celle du ${formatDateTime(new Date(run.previousAt))}` : html`première publication`;
  const tables = run.tables.map((table) => tableChanges(table));
  return html`<h3 class="fr-h5 fr-mt-3w" id="${id}">Version du ${formatDateTime(new Date(run.at))} (${since})</h3>${tables.length > 0 ? html`<ul>${tables}</ul>` : html`<p>Aucune table n'a changé.</p>`}`;
}

function tableChanges(table: TableChanges): SafeHtml {
  const { added, removed, modified } = table.counts;
  const plural = (n: number, word: string) => `${formatInteger(n)} ligne${n > 1 ? "s" : ""} ${word}${n > 1 ? "s" : ""}`;
  const summary = `${table.table} : ${plural(added, "ajoutée")}, ${plural(removed, "retirée")}, ${plural(modified, "modifiée")}`;
  const lists = [
    added > 0 ? details("Lignes ajoutées", table.added.slice(0, MAX_ROWS_SHOWN).map((row) => html`<li>${describeRow(row, table.primaryKey)}</li>`), added) : "",
    removed > 0 ? details("Lignes retirées", table.removed.slice(0, MAX_ROWS_SHOWN).map((row) => html`<li>${describeRow(row, table.primaryKey)}</li>`), removed) : "",
    modified > 0 ? details("Lignes modifiées", table.modified.slice(0, MAX_ROWS_SHOWN).map(modifiedRow), modified) : "",
  ];
  return html`<li><p class="fr-mb-1w">${summary}${table.truncated ? " (listes abrégées)" : ""}</p>${lists}</li>`;
}

/** A native disclosure: it opens without JavaScript. */
function details(title: string, items: SafeHtml[], total: number): SafeHtml {
  const more = total > items.length ? html`<li>… et ${formatInteger(total - items.length)} autres</li>` : "";
  return html`<details class="fr-mb-1w"><summary>${title} (${formatInteger(total)})</summary><ul>${items}${more}</ul></details>`;
}

function keyText(key: Row, primaryKey: readonly string[]): string {
  const fields = primaryKey.length > 0 ? primaryKey : Object.keys(key).slice(0, 1);
  return fields.map((field) => key[field] ?? "").join(" · ");
}

function describeRow(row: Row, primaryKey: readonly string[]): SafeHtml {
  const title = row.titre ?? row.nom ?? row.objet;
  return html`<code>${keyText(row, primaryKey)}</code>${title ? html` — ${title}` : ""}`;
}

function modifiedRow(row: ModifiedRow): SafeHtml {
  const changes = row.changes.map(
    (change) => html`<li><code>${change.field}</code> : <del>${change.before || "(vide)"}</del> → <ins>${change.after || "(vide)"}</ins></li>`,
  );
  return html`<li><code>${keyText(row.key, Object.keys(row.key))}</code><ul>${changes}</ul></li>`;
}
