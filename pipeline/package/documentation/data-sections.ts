import type { Field } from "../../frictionless/index.ts";
import { str } from "./context-sections.ts";
import { code, countOf, frenchDate, table } from "./markdown.ts";
import type { DocumentationInput, DocumentedResource } from "./types.ts";

/** The sections that describe the files themselves: tables and fields, SCDL export, sources, coverage. */

const TYPE_LABELS: Record<string, string> = {
  string: "texte",
  number: "nombre",
  integer: "entier",
  boolean: "booléen (oui/non)",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure",
  year: "année",
};

export function tablesSection(resources: DocumentedResource[]): string[] {
  const lines = ["## Les fichiers et leurs champs", ""];
  for (const resource of resources) {
    lines.push(`### ${resource.title ?? resource.name} (${code(resource.path ?? `${resource.name}.csv`)})`, "");
    if (resource.description) lines.push(resource.description, "");
    const schemaUrl = str(resource.schema.path);
    lines.push(
      `${countOf(resource.rowCount, "ligne", "lignes", "Aucune ligne")}. Schéma : ${code(str(resource.schema.name) ?? resource.name)}` +
        `${str(resource.schema.version) ? ` version ${str(resource.schema.version)}` : ""}${schemaUrl ? ` (<${schemaUrl}>)` : ""}.`,
      "",
    );
    lines.push(...table(["Champ", "Titre", "Type", "Description"], resource.schema.fields.map(fieldRow)), "");
  }
  return lines;
}

function fieldRow(field: Field): string[] {
  const required = field.constraints?.required ? ", obligatoire" : "";
  return [code(field.name), field.title ?? "", `${TYPE_LABELS[field.type] ?? field.type}${required}`, field.description ?? ""];
}

export function scdlSection(scdl: DocumentationInput["scdl"]): string[] {
  if (!scdl) return [];
  const lines = [
    `## Export au format SCDL subventions (${code(scdl.resource)})`,
    "",
    "Les lauréats sont aussi publiés au format national des données essentielles des conventions de subvention " +
      "(SCDL subventions 2.1.1), que data.gouv.fr consolide pour toutes les administrations. Chaque ligne correspond à un bénéficiaire :",
    "",
    "- `nomAttribuant` et `idAttribuant` : le gestionnaire de l'appel et son SIRET (un SIREN seul ne suffit pas) ;",
    "- `dispositifAide` : l'identifiant de l'appel dans la table des appels ;",
    "- `montant` : le montant accordé ; `objet` : le titre du projet ;",
    "- `dateConvention` : **la date de décision (ou d'annonce des lauréats)**, la date de signature des conventions n'étant pas publiée ;",
    "- `nature` : `aide en numéraire` ; `pourcentageSubvention` : 1 (un seul bénéficiaire par projet) ; `notificationUE` : `non` (aides entre administrations) ;",
    "- `conditionsVersement` et `datesPeriodeVersement` : seulement quand elles sont publiées.",
    "",
    `${countOf(scdl.rowCount, "ligne exportée", "lignes exportées", "Aucune ligne exportée")}. ` +
      "Aucune valeur n'est inventée : un lauréat dont une information obligatoire du format manque n'est pas exporté.",
  ];
  if (scdl.rowCount === 0) lines.push("", `${scdlAbsence("Ce fichier")} ; le tableau ci-dessous dit ce qui manque à chacun.`);
  if (scdl.excluded.length > 0) {
    lines.push(
      "",
      `${scdl.excluded.length} lauréat${scdl.excluded.length > 1 ? "s ne sont pas exportés" : " n'est pas exporté"} :`,
      "",
      ...table(["Lauréat", "Raison"], scdl.excluded.map((exclusion) => [code(exclusion.key), exclusion.reason])),
    );
  }
  return lines;
}

/** The documents the package cites, then every distinct `url_source` of the rows. */
export function sourcesSection(input: DocumentationInput): string[] {
  const lines = ["## D'où viennent les données", ""];
  for (const source of input.package.sources ?? []) {
    lines.push(source.path ? `- [${source.title ?? source.path}](${source.path})` : `- ${source.title ?? ""}`);
  }
  const cited = new Set<string>(input.citedSources);
  for (const resource of input.citedSources ? [] : input.resources) {
    for (const row of resource.rows ?? []) {
      for (const url of [str(row.url_source), str(row.url_source_resultats)]) if (url) cited.add(url);
    }
  }
  if (cited.size > 0) {
    lines.push(
      "",
      "Chaque ligne indique sa source dans le champ `url_source` (et, pour les résultats d'un appel, `url_source_resultats`). Les sources citées sont :",
      "",
      ...[...cited].map((url) => `- <${url}>`),
    );
  }
  lines.push(
    "",
    "Seuls des faits publiés sont repris. Ce qui n'est pas publié reste vide : un montant donné comme un ordre de grandeur " +
      "(« plus de 30 M€ ») ou une date donnée comme un trimestre figurent dans les champs de commentaire ou de calendrier, " +
      "jamais dans un champ de montant ou de date.",
  );
  return lines;
}

export function coverageSection(coverage: DocumentationInput["coverage"]): string[] {
  if (!coverage?.temporalCoverage && !coverage?.spatial) return [];
  const lines = ["## Couverture", ""];
  const period = coverage.temporalCoverage;
  if (period) {
    lines.push(`- **Période** : du ${frenchDate(period.start)} au ${frenchDate(period.end)} (première et dernière date d'ouverture, de clôture ou de décision).`);
  }
  if (coverage.spatial) {
    const zones = coverage.spatial.zones.map(code).join(", ");
    lines.push(`- **Territoire** : ${zones} (granularité ${code(coverage.spatial.granularity)}).`);
  }
  return lines;
}

/** Why an SCDL file with no row is not offered on data.gouv.fr, and when it comes back. */
export function scdlAbsence(subject: string): string {
  return (
    `**${subject} n'est pas proposé sur data.gouv.fr tant qu'il n'a aucune ligne** : un fichier vide déclaré conforme ` +
    "au schéma SCDL alimenterait la consolidation nationale des subventions sans rien y apporter. Il y reviendra de " +
    "lui-même dès qu'un lauréat aura toutes les informations obligatoires du format"
  );
}
