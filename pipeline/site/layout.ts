import { formatDateTime } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

/**
 * The frame every page shares: the State design system's header, skip link and footer, a
 * navigation that stays visible on a phone without the design system's script, and links
 * relative to the page (`root` is "" or "../"), so the site works under any sub-path.
 */
export interface PageFrame {
  /** Path of the page from the site's root, e.g. `paquets/x.html`. */
  path: string;
  title: string;
  now: Date;
  body: SafeHtml;
  /** The table filters' script, for the pages that have a filterable table. */
  script?: boolean;
}

export const NAV = [
  { path: "index.html", label: "Accueil" },
  { path: "qualite.html", label: "Qualité des données" },
  { path: "changements.html", label: "Ce qui a changé" },
  { path: "schemas/index.html", label: "Schémas" },
] as const;

/** From a page at `path` to the site's root: "" or "../". */
export function rootOf(path: string): string {
  return "../".repeat(path.split("/").length - 1);
}

export function renderPage(frame: PageFrame): string {
  const root = rootOf(frame.path);
  const nav = NAV.map(
    (item) => html`<li><a class="fr-link" href="${root}${item.path}"${item.path === frame.path ? html` aria-current="page"` : ""}>${item.label}</a></li>`,
  );
  const page = html`<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} — Appels à projets et lauréats</title>
<link rel="stylesheet" href="${root}dsfr/dsfr.min.css">
<link rel="stylesheet" href="${root}assets/site.css">
<link rel="icon" href="${root}dsfr/favicon/favicon.svg" type="image/svg+xml">
${frame.script ? html`<script src="${root}assets/filtres.js" defer></script>` : ""}
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" aria-label="Accès rapide"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Aller au contenu</a></li></ul></nav></div>
<header class="fr-header">
<div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
<div class="fr-header__service"><a href="${root}index.html" title="Accueil — Appels à projets et lauréats"><p class="fr-header__service-title">Appels à projets et lauréats</p></a>
<p class="fr-header__service-tagline">Les financements de la transformation publique de l'État, en données ouvertes</p></div>
</div></div></div></div>
</header>
<nav class="fr-container aap-nav" aria-label="Menu principal"><ul>${nav}</ul></nav>
<main id="contenu" class="fr-container fr-pb-6w" tabindex="-1">
${frame.body}
</main>
<footer class="fr-footer" id="pied-de-page">
<div class="fr-container">
<div class="fr-footer__body"><div class="fr-footer__brand"><p class="fr-logo">République<br>Française</p></div>
<div class="fr-footer__content"><p class="fr-footer__content-desc">Site généré par aap-opendata à partir des données validées. Chaque ligne cite sa source publique ; ce qui n'est pas publié reste vide.</p></div></div>
<div class="fr-footer__bottom"><p class="fr-footer__bottom-copy">Données sous Licence Ouverte 2.0. Page générée le ${formatDateTime(frame.now)} (heure de Paris).</p></div>
</div>
</footer>
</body>
</html>
`;
  return page.value;
}
