import { listCompleteness, type CallCompleteness } from "../../transform/completeness/list-completeness.ts";
import { code, frenchNumber, table } from "./markdown.ts";
import type { DocumentedResource } from "./types.ts";

/**
 * How complete each call's list of lauréats is, so that a reader knows a missing row or an
 * empty amount means "not published" and never "none" or "zero".
 */
export function completenessSection(appels: DocumentedResource | undefined, laureats: DocumentedResource | undefined, tallied?: CallCompleteness[]): string[] {
  const entries = tallied ?? listCompleteness(appels?.rows ?? [], laureats?.rows ?? []);
  if (entries.length === 0) return [];
  const listed = entries.reduce((sum, entry) => sum + entry.laureatsListes, 0);
  const known = entries.reduce((sum, entry) => sum + entry.montantsConnus, 0);
  const announced = entries.filter((entry) => entry.laureatsAnnonces !== null);
  const announcedTotal = announced.reduce((sum, entry) => sum + (entry.laureatsAnnonces ?? 0), 0);
  return [
    "## Complétude des listes de lauréats",
    "",
    "Toutes les listes de lauréats ne sont pas publiées, ni tous les montants. Pour chaque appel qui a annoncé un nombre de " +
      "lauréats ou dont des lauréats figurent ici : le nombre annoncé (champ `nb_laureats_annonces` des appels), le nombre de " +
      "lignes de la table des lauréats, et combien de ces lignes ont un montant accordé publié. **Un montant absent veut dire " +
      "« non publié », jamais zéro** ; une ligne absente veut dire « non publiée », jamais « pas de lauréat ».",
    "",
    ...table(
      ["Appel", "Lauréats annoncés", "Lauréats listés", "Liste", "Montants publiés", "Montants non publiés", "Somme des montants publiés (€)"],
      entries.map((entry) => [
        `${entry.titre} (${code(entry.appelId)})`,
        entry.laureatsAnnonces === null ? "non publié" : String(entry.laureatsAnnonces),
        String(entry.laureatsListes),
        entry.statut,
        String(entry.montantsConnus),
        String(entry.montantsInconnus),
        entry.montantsConnus === 0 ? "" : frenchNumber(entry.sommeMontantsConnus),
      ]),
    ),
    "",
    `Au total, ${listed} lauréat${listed > 1 ? "s" : ""} listé${listed > 1 ? "s" : ""}, dont ${known} avec un montant publié ; ` +
      `${announced.length} appel${announced.length > 1 ? "s ont" : " a"} annoncé ${announcedTotal} lauréat${announcedTotal > 1 ? "s" : ""} en tout.`,
  ];
}
