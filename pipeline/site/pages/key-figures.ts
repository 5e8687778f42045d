import type { Figures } from "../figures.ts";
import { formatEuros, formatInteger } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";

/** The four numbers a reader looks for first. */
export function keyFigures(figures: Figures, level: "h2" | "h3" = "h2"): SafeHtml {
  const tiles = [
    { value: formatInteger(figures.calls), label: `appels à projets et guichets, ${figures.openCalls === 0 ? "aucun ouvert ce jour" : `dont ${formatInteger(figures.openCalls)} ouvert${figures.openCalls > 1 ? "s" : ""}`}` },
    { value: formatInteger(figures.projects), label: "projets lauréats" },
    { value: formatEuros(figures.granted), label: "accordés (montants publiés)" },
    { value: formatInteger(figures.unknownAmounts), label: "lauréats au montant non publié" },
  ];
  const heading = level === "h2" ? html`<h2 class="fr-sr-only">Chiffres clés</h2>` : html`<h3 class="fr-sr-only">Chiffres clés</h3>`;
  return html`<div class="aap-figures">${heading}<ul class="fr-grid-row fr-grid-row--gutters aap-plain">${tiles.map(
    (tile) => html`<li class="fr-col-6 fr-col-md-3"><p class="aap-figure__value">${tile.value}</p><p class="aap-figure__label">${tile.label}</p></li>`,
  )}</ul></div>`;
}
