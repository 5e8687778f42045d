import { html, type SafeHtml } from "./html.ts";

/**
 * A data table in the design system's style, in a region that scrolls sideways on a phone;
 * the region is focusable so that a keyboard can scroll it too.
 */
export function dataTable(options: { caption: string; headers: readonly (string | SafeHtml)[]; rows: readonly SafeHtml[]; id?: string; numeric?: readonly number[] }): SafeHtml {
  const numeric = new Set(options.numeric ?? []);
  const headers = options.headers.map((header, i) => html`<th scope="col"${numeric.has(i) ? html` class="aap-num"` : ""}>${header}</th>`);
  return html`<div class="fr-table fr-table--bordered aap-scroll" tabindex="0" role="region" aria-label="${options.caption}"><table${options.id ? html` id="${options.id}"` : ""}><caption>${options.caption}</caption><thead><tr>${headers}</tr></thead><tbody>${options.rows}</tbody></table></div>`;
}

/** An empty cell says so: a blank would read as a value nobody checked. */
export const EMPTY = html`<span class="aap-empty">non publié</span>`;
