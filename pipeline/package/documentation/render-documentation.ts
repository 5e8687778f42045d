import { completenessSection } from "./completeness-section.ts";
import { callsSection, glossarySection, laureatsSection, programmesSection } from "./context-sections.ts";
import { coverageSection, scdlAbsence, scdlSection, sourcesSection, tablesSection } from "./data-sections.ts";
import { code } from "./markdown.ts";
import { reuseSection } from "./reuse-section.ts";
import type { DocumentationInput } from "./types.ts";

/**
 * The documentation resource published with each dataset on data.gouv.fr (type
 * `documentation`), in French: what the data is, where it comes from, how it is produced,
 * its files and fields, its licence and how to reuse it. Deterministic: the same input
 * gives the same bytes, so an unchanged package is not republished.
 */
export function renderDocumentation(input: DocumentationInput): string {
  const byName = (name: string) => input.resources.find((resource) => resource.name === name);
  const sections = [
    [`# ${input.package.title}`, "", input.package.description.trim()],
    glossarySection(),
    programmesSection(byName("programmes")),
    callsSection(byName("appels")),
    laureatsSection(byName("laureats")),
    completenessSection(byName("appels"), byName("laureats"), input.completeness),
    sourcesSection(input),
    productionSection(input),
    tablesSection(input.resources),
    scdlSection(input.scdl),
    coverageSection(input.coverage),
    licenceSection(input),
    reuseSection(input),
  ];
  return `${sections.filter((lines) => lines.length > 0).map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function productionSection(input: DocumentationInput): string[] {
  const home = input.package.homepage;
  return [
    "## Comment les données sont produites",
    "",
    "Chaque nuit, un programme ouvert (aap-opendata" + (home ? `, <${home}>` : "") + ") refait toute la chaîne :",
    "",
    "1. **Extraction** : lecture des fichiers sources tenus par l'équipe (exports de tableur) et des services en ligne déclarés ;",
    "2. **Transformation** : nombres à la française (`6 000 000,00`) et dates `JJ/MM/AAAA` convertis au format standard, libellés ramenés aux valeurs des schémas ;",
    "3. **Validation** : chaque fichier est contrôlé contre son schéma Table Schema (types, valeurs obligatoires, listes de valeurs, " +
      "liens entre tables) et des contrôles complémentaires (clés SIREN et SIRET, montant accordé au plus égal au coût, " +
      "taux cohérent avec les montants, décision postérieure à l'ouverture de l'appel) ;",
    "4. **Assemblage** : un paquet de données Frictionless (`datapackage.json` et fichiers CSV en UTF-8, séparateur virgule) et cette documentation ;",
    "5. **Publication** sur data.gouv.fr, seulement si tout est valide : sinon la version précédente reste en ligne.",
    "",
    "Deux exécutions sur les mêmes sources produisent des fichiers identiques octet pour octet.",
  ];
}

function licenceSection(input: DocumentationInput): string[] {
  const licences = input.package.licenses ?? [];
  if (licences.length === 0) return [];
  return [
    "## Licence",
    "",
    ...licences.map((licence) => {
      const label = licence.title ?? licence.name ?? licence.path ?? "";
      return licence.path ? `- [${label}](${licence.path})` : `- ${label}`;
    }),
    "",
    "Vous pouvez réutiliser ces données librement, y compris à des fins commerciales, en citant leur source.",
  ];
}

/**
 * The description of the documentation resource on data.gouv.fr, which the site renders as
 * Markdown beside the file: what the document holds, why the SCDL file is missing when it is,
 * and how to reuse the data, so that a reader gets the essentials without opening the file.
 */
export function renderDocumentationSummary(input: DocumentationInput): string {
  const lines = [
    "Documentation du jeu de données, en français : vocabulaire, programmes, appels et lauréats, complétude des listes, " +
      "sources, production et contrôles, champs de chaque fichier, licence. Le fichier est du texte au format Markdown ; l'essentiel suit.",
  ];
  if (input.scdl && input.scdl.rowCount === 0) {
    lines.push("", `${scdlAbsence(`Le fichier SCDL subventions (${code(`${input.scdl.resource}.csv`)})`)} ; la documentation dit ce qui manque à chaque lauréat.`);
  }
  lines.push("", ...reuseSection(input).map((line) => (line.startsWith("## ") ? `#${line}` : line)));
  return `${lines.join("\n")}\n`;
}
