import type { FakeDemarche, FakeDossier } from "./demarches-simplifiees-server.ts";

/** Synthetic dossiers of a fictitious démarche: names say "fictif", SIRETs start with 999. */

const b64 = (text: string) => Buffer.from(text).toString("base64");

export const CHAMP = {
  intitule: b64("Champ-101"),
  cout: b64("Champ-102"),
  emplois: b64("Champ-103"),
  dateDebut: b64("Champ-104"),
  region: b64("Champ-105"),
  siretPorteur: b64("Champ-106"),
  thematiques: b64("Champ-107"),
  engagement: b64("Champ-108"),
  commune: b64("Champ-109"),
  partenaires: b64("Champ-110"),
  partenaireNom: b64("Champ-111"),
  montantAccorde: b64("Champ-201"),
  laureat: b64("Champ-202"),
} as const;

export function siretOf(number: number): string {
  return `99900${String(number).padStart(4, "0")}00011`;
}

export function fakeDossier(number: number, init: { state?: string; montant?: number; updated?: string } = {}): FakeDossier {
  const montant = init.montant ?? 10_000 + number;
  return {
    id: b64(`Dossier-${number}`),
    number,
    state: init.state ?? "accepte",
    archived: false,
    dateDepot: "2026-01-10T09:00:00+01:00",
    datePassageEnConstruction: "2026-01-10T09:00:00+01:00",
    datePassageEnInstruction: "2026-01-20T09:00:00+01:00",
    dateTraitement: init.state === "en_instruction" ? null : "2026-02-01T09:00:00+01:00",
    dateDerniereModification: init.updated ?? "2026-02-01T09:00:00+01:00",
    demandeur: { __typename: "PersonneMorale", id: b64(`Etablissement-${number}`), siret: siretOf(number), libelleNaf: "Activité fictive", entreprise: { siren: siretOf(number).slice(0, 9), raisonSociale: `ORGANISME FICTIF ${number}` } },
    champs: [
      { __typename: "TextChamp", id: CHAMP.intitule, label: "Intitulé du projet", stringValue: `Projet fictif ${number}`, value: `Projet fictif ${number}` },
      { __typename: "DecimalNumberChamp", id: CHAMP.cout, label: "Coût total", stringValue: "25000.5", value: 25000.5 },
      { __typename: "IntegerNumberChamp", id: CHAMP.emplois, label: "Emplois créés", stringValue: "3", value: "3" },
      { __typename: "DateChamp", id: CHAMP.dateDebut, label: "Date de début", stringValue: "1 mars 2026", date: "2026-03-01", value: "2026-03-01T00:00:00+01:00" },
      { __typename: "RegionChamp", id: CHAMP.region, label: "Région", stringValue: "Bretagne", region: { code: "53", name: "Bretagne" } },
      { __typename: "SiretChamp", id: CHAMP.siretPorteur, label: "SIRET du porteur", stringValue: siretOf(number), etablissement: { __typename: "PersonneMorale", id: "x", siret: siretOf(number), libelleNaf: "Activité fictive" } },
      { __typename: "MultipleDropDownListChamp", id: CHAMP.thematiques, label: "Thématiques", stringValue: "Données, Numérique", values: ["Données", "Numérique"] },
      { __typename: "CheckboxChamp", id: CHAMP.engagement, label: "J'accepte le règlement", stringValue: "true", value: true },
      { __typename: "CommuneChamp", id: CHAMP.commune, label: "Commune", stringValue: "Rennes (35000)", commune: { code: "35238", name: "Rennes", postalCode: "35000" } },
      {
        __typename: "RepetitionChamp",
        id: CHAMP.partenaires,
        label: "Partenaires",
        stringValue: null,
        rows: [{ id: "r1", champs: [{ __typename: "TextChamp", id: CHAMP.partenaireNom, label: "Nom", stringValue: "Partenaire fictif", value: "Partenaire fictif" }] }],
      },
    ],
    annotations: [
      { __typename: "DecimalNumberChamp", id: CHAMP.montantAccorde, label: "Montant accordé", stringValue: String(montant), value: montant },
      { __typename: "YesNoChamp", id: CHAMP.laureat, label: "Lauréat", stringValue: "Oui", value: true },
    ],
  };
}

export function fakeDemarche(number: number, dossiers: FakeDossier[]): FakeDemarche {
  return { number, title: `Démarche fictive ${number}`, dossiers, deletedDossiers: [] };
}
