import { DOWNLOAD_FORMATS } from "../package/downloads/formats.ts";
import { FILTER_SCRIPT, SITE_CSS } from "./assets.ts";
import { statusBadgeSvg } from "./badge.ts";
import { packageFigures } from "./figures.ts";
import { changesPage } from "./pages/changes-page.ts";
import { homePage } from "./pages/home-page.ts";
import { packagePage, packagePagePath } from "./pages/package-page.ts";
import { badgePath, qualityPage } from "./pages/quality-page.ts";
import { schemaPage, schemaPagePath, schemasIndexPage } from "./pages/schema-pages.ts";
import { validity } from "./pages/status.ts";
import type { SiteInput } from "./types.ts";

/** Every generated file of the site, by its path from the site's root: plain data in, text out. */
export function buildSite(input: SiteInput): Map<string, string> {
  const files = new Map<string, string>();
  const withFigures = input.packages.map((pkg) => ({ pkg, figures: packageFigures(pkg, input.now) }));
  files.set("index.html", homePage(withFigures, input.now));
  for (const { pkg, figures } of withFigures) {
    files.set(packagePagePath(pkg.name), packagePage(pkg, figures, input.now, DOWNLOAD_FORMATS.length));
    files.set(badgePath(pkg.name), statusBadgeSvg(validity(pkg)));
  }
  files.set("qualite.html", qualityPage(input.packages, input.now));
  files.set("changements.html", changesPage(input.packages, input.now));
  files.set("schemas/index.html", schemasIndexPage(input.schemas, input.now));
  for (const schema of input.schemas) files.set(schemaPagePath(schema.name), schemaPage(schema, input.now));
  files.set("assets/site.css", SITE_CSS);
  files.set("assets/filtres.js", FILTER_SCRIPT);
  // GitHub Pages would otherwise run the folder through Jekyll.
  files.set(".nojekyll", "");
  return files;
}
