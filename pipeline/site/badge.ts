import { html } from "./html.ts";
import type { Validity } from "./pages/status.ts";

const COLORS: Record<Validity, string> = { valide: "#18753c", invalide: "#ce0500", "non disponible": "#666666" };
/** Verdana 11px averages about 6.5 px per character: wide enough without measuring text. */
const CHAR = 6.5;

/**
 * A status badge in the shape README badges have (label on grey, value in colour), as an SVG a
 * README can embed: `![données](https://…/badges/<package>.svg)`.
 */
export function statusBadgeSvg(state: Validity): string {
  const label = "données";
  const value = state === "non disponible" ? "non validées" : `${state}s`;
  const left = Math.round(label.length * CHAR + 12);
  const right = Math.round(value.length * CHAR + 12);
  const width = left + right;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label} : ${value}"><title>${label} : ${value}</title><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${COLORS[state]}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${value}</text></g></svg>
`.value;
}
