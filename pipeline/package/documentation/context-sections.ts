import { code, frenchDate, frenchNumber, table } from "./markdown.ts";
import type { DocumentedResource, Row } from "./types.ts";

/**
 * The sections that explain the subject to a reader who knows nothing of it: the words
 * used, the programmes, the themes and calls. Written from the rows, so they stay true.
 */

export function glossarySection(): string[] {
  return [
    "## Vocabulaire",
    "",
    "- **Appel à projets** : l'administration qui finance fixe une période pendant laquelle les autres administrations " +
      "déposent leurs projets ; un jury les compare et retient les meilleurs. Un appel peut avoir plusieurs **sessions**, " +
      "chacune avec sa période et sa dotation.",
    "- **Guichet** : les candidatures sont reçues et instruites au fil de l'eau, sans date limite commune, tant que les crédits le permettent.",
    "- **Thème** : un appel à projets ou un guichet identifié par un code dans son programme. Par exemple, dans le plan France Relance, " +
      "les codes **ITN** (innovation et transformation numérique) et **SNAP** (Sac à dos numérique de l'agent public, le bouquet " +
      "d'outils de travail collaboratif de confiance fourni aux agents de l'État) ; **ITN5** est le thème « Cycle de vie de la donnée ».",
    "- **Lauréat** : un projet retenu et financé, porté par une administration, un opérateur de l'État ou une collectivité.",
    "- **Dotation** : le budget alloué à un appel ou à une session. **Taux de cofinancement** : la part du coût d'un projet " +
      "payée par le fonds, entre 0 et 1 (0,75 = 75 %), le reste étant à la charge du porteur.",
    "- **SIREN / SIRET** : identifiants d'une organisation (9 chiffres) et de l'un de ses établissements (14 chiffres) au répertoire Sirene de l'Insee.",
  ];
}

export function programmesSection(resource: DocumentedResource | undefined): string[] {
  const rows = resource?.rows ?? [];
  if (rows.length === 0) return [];
  const lines = ["## Les programmes", ""];
  for (const row of rows) {
    const facts = [
      str(row.nom_gestionnaire) && `Gestionnaire : ${str(row.nom_gestionnaire)}.`,
      num(row.enveloppe) !== undefined && `Enveloppe : ${frenchNumber(num(row.enveloppe) ?? 0)} €.`,
      period(row.annee_debut, row.annee_fin),
      str(row.commentaire),
    ].filter(Boolean);
    lines.push(`- **${str(row.nom) ?? str(row.id)}** (${code(str(row.id))}) : ${[str(row.description), ...facts].filter(Boolean).join(" ")}`);
  }
  return [...lines, ...notListed(resource)];
}

export function callsSection(resource: DocumentedResource | undefined): string[] {
  const rows = resource?.rows ?? [];
  if (rows.length === 0) return [];
  return [
    "## Les appels à projets et guichets",
    "",
    `La table ${code(resource?.name)} compte ${resource?.rowCount ?? rows.length} lignes : une par appel, session ou guichet. Vue d'ensemble :`,
    "",
    ...table(
      ["Identifiant", "Thème", "Intitulé", "Type", "Ouverture", "Dotation (€)"],
      rows.map((row) => [
        code(str(row.id)),
        str(row.code_theme) ?? "",
        str(row.titre) ?? "",
        str(row.type_appel) ?? "",
        opening(row),
        num(row.dotation) === undefined ? "" : frenchNumber(num(row.dotation) ?? 0),
      ]),
    ),
    ...notListed(resource),
    "",
    "Une cellule vide signifie que l'information n'est pas publiée par la source ; un calendrier approximatif est donné en texte.",
  ];
}

export function laureatsSection(resource: DocumentedResource | undefined): string[] {
  const rows = resource?.rows ?? [];
  if (rows.length === 0) return [];
  const count = resource?.rowCount ?? rows.length;
  return [
    "## Les lauréats",
    "",
    `La table ${code(resource?.name)} compte ${count} projet${count > 1 ? "s" : ""} financé${count > 1 ? "s" : ""} :`,
    "",
    ...table(
      ["Projet", "Appel", "Porteur (ou ministère)", "Montant accordé (€)", "Décision"],
      rows.map((row) => [
        str(row.titre) ?? "",
        code(str(row.appel_id)),
        str(row.nom_porteur) ?? str(row.ministere) ?? "",
        num(row.montant_accorde) === undefined ? "" : frenchNumber(num(row.montant_accorde) ?? 0),
        str(row.date_decision) ? frenchDate(str(row.date_decision) ?? "") : "",
      ]),
    ),
    ...notListed(resource),
    "",
    "Une cellule vide signifie que l'information n'est pas publiée par la source : un montant vide n'est jamais un montant nul.",
  ];
}

/** A long table is listed in part: say how many rows are left out, and where they are. */
function notListed(resource: DocumentedResource | undefined): string[] {
  const shown = resource?.rows?.length ?? 0;
  const more = (resource?.rowCount ?? shown) - shown;
  if (more <= 0) return [];
  return ["", `Les ${shown} premières lignes seulement : les ${more} autres sont dans le fichier ${code(resource?.path ?? resource?.name)}.`];
}

function opening(row: Row): string {
  const date = str(row.date_ouverture);
  if (date) return frenchDate(date);
  return str(row.calendrier) ?? "";
}

function period(start: unknown, end: unknown): string | undefined {
  const from = num(start);
  const to = num(end);
  if (from === undefined) return undefined;
  return to === undefined ? `Période : à partir de ${from}.` : `Période : de ${from} à ${to}.`;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
