import type { Call, CallState } from "../figures.ts";
import { formatDate, formatInteger, parisDay } from "../format.ts";
import { externalUrl, html, type SafeHtml } from "../html.ts";
import { dataTable, EMPTY } from "../table.ts";

const BADGE: Record<CallState, string> = {
  ouvert: "fr-badge--success",
  "à venir": "fr-badge--info",
  clos: "",
  "clôture non publiée": "fr-badge--warning",
  "dates non publiées": "fr-badge--warning",
};

/** The calls with their dates and whether they are open on the day of the run (Paris time). */
export function callsList(calls: readonly Call[], now: Date): SafeHtml {
  const sorted = [...calls].sort((a, b) => (b.opens || "").localeCompare(a.opens || "") || a.title.localeCompare(b.title, "fr"));
  const rows = sorted.map((call) => {
    const source = externalUrl(call.source);
    return html`<tr><td>${source ? html`<a href="${source}" rel="noopener">${call.title}</a>` : call.title}</td><td>${call.programme || EMPTY}</td><td>${call.kind || EMPTY}</td><td data-tri="${call.opens}">${call.opens ? formatDate(call.opens) : EMPTY}</td><td data-tri="${call.closes}">${call.closes ? formatDate(call.closes) : EMPTY}</td><td><p class="fr-badge fr-badge--sm fr-badge--no-icon ${BADGE[call.state]}">${call.state}</p></td></tr>`;
  });
  return html`<section class="fr-mt-6w" aria-labelledby="titre-appels"><h2 id="titre-appels">Appels à projets et guichets</h2>
<p>État au ${formatDate(parisDay(now))}. Un appel ouvert sans date de clôture publiée n'est pas présenté comme ouvert : la source ne dit pas s'il l'est encore.</p>
${dataTable({ caption: `Appels à projets et guichets (${formatInteger(calls.length)})`, headers: ["Appel", "Programme", "Type", "Ouverture", "Clôture", "État"], rows })}</section>`;
}
