import { renderBarChart } from "../chart.ts";
import type { Figures } from "../figures.ts";
import { formatEuros, formatInteger } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { dataTable, EMPTY } from "../table.ts";

/** Granted amount and number of projects per dimension: two charts and the numbers in a table beside them. */
export function chartsSection(figures: Figures): SafeHtml {
  const blocks = figures.groups.map(({ key, title, groups }) => {
    const byCount = [...groups].sort((a, b) => b.projects - a.projects || a.label.localeCompare(b.label, "fr"));
    const amount = renderBarChart({ id: `graphique-montant-${key}`, title: `Montant accordé connu ${title}`, unit: "euros", bars: groups.map((g) => ({ label: g.label, value: g.unknownAmounts === g.projects ? null : g.amount })) });
    const count = renderBarChart({ id: `graphique-projets-${key}`, title: `Nombre de projets lauréats ${title}`, unit: "projets", bars: byCount.map((g) => ({ label: g.label, value: g.projects })) });
    const rows = groups.map(
      (g) => html`<tr><th scope="row">${g.label}</th><td class="aap-num">${formatInteger(g.projects)}</td><td class="aap-num">${g.unknownAmounts === g.projects ? EMPTY : formatEuros(g.amount)}</td><td class="aap-num">${formatInteger(g.unknownAmounts)}</td></tr>`,
    );
    const table = dataTable({
      caption: `Projets et montants ${title}`,
      headers: [title.replace(/^par /, "").replace(/^./, (c) => c.toUpperCase()), "Projets", "Montant accordé connu", "Montants non publiés"],
      rows,
      numeric: [1, 2, 3],
    });
    return html`<section class="fr-mt-4w" aria-labelledby="titre-${key}"><h3 id="titre-${key}">Lauréats ${title}</h3>
<div class="fr-grid-row fr-grid-row--gutters"><figure class="fr-col-12 fr-col-lg-6 aap-figure"><figcaption class="fr-text--bold">Montant accordé connu</figcaption>${amount}</figure><figure class="fr-col-12 fr-col-lg-6 aap-figure"><figcaption class="fr-text--bold">Nombre de projets</figcaption>${count}</figure></div>
${table}</section>`;
  });
  const note =
    figures.unknownAmounts > 0
      ? html`<p class="fr-text--sm">Les montants ne comptent que ce qui est publié : ${formatInteger(figures.unknownAmounts)} projet${figures.unknownAmounts > 1 ? "s n'ont" : " n'a"} pas de montant public, compté${figures.unknownAmounts > 1 ? "s" : ""} à part, jamais comme zéro.</p>`
      : "";
  const region = figures.groups.some((g) => g.key === "region") ? "" : html`<p class="fr-text--sm">Aucun lauréat ne précise sa région : pas de graphique par région.</p>`;
  return html`<section class="fr-mt-6w" aria-labelledby="titre-graphiques"><h2 id="titre-graphiques">Les lauréats en graphiques</h2>${note}${region}${blocks}</section>`;
}
