import { html, type SafeHtml } from "../html.ts";
import type { SitePackage } from "../types.ts";

export type Validity = "valide" | "invalide" | "non disponible";

export function validity(pkg: SitePackage): Validity {
  return pkg.report ? (pkg.report.valid ? "valide" : "invalide") : "non disponible";
}

/** The design system's badge for a package's last validation. */
export function statusBadge(pkg: SitePackage): SafeHtml {
  const state = validity(pkg);
  const kind = state === "valide" ? "fr-badge--success" : state === "invalide" ? "fr-badge--error" : "fr-badge--info";
  return html`<span class="fr-badge fr-badge--sm ${kind}">Données ${state === "non disponible" ? "validation non disponible" : state + "s"}</span>`;
}
