import type { FakeGristTable } from "./grist-server.ts";

/** A fictitious Grist document: lauréats referencing their porteurs. Dates are epoch seconds, as Grist stores them. */
export const DOC_ID = "docFictif0001";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

export function porteurs(): FakeGristTable {
  return {
    columns: [
      { id: "Nom", fields: { colRef: 11, type: "Text", label: "Nom" } },
      { id: "Siren", fields: { colRef: 12, type: "Text", label: "SIREN" } },
      { id: "Creation", fields: { colRef: 13, type: "Date", label: "Création" } },
    ],
    records: [
      { id: 1, fields: { Nom: "Porteur fictif A", Siren: "999000001", Creation: day("2001-05-14") } },
      { id: 2, fields: { Nom: "Porteur fictif B", Siren: "999000002", Creation: day("2010-09-01") } },
    ],
  };
}

export function laureats(): FakeGristTable {
  return {
    columns: [
      { id: "Intitule", fields: { colRef: 1, type: "Text", label: "Intitulé" } },
      { id: "Montant", fields: { colRef: 2, type: "Numeric", label: "Montant" } },
      { id: "Date_decision", fields: { colRef: 3, type: "Date", label: "Date de décision" } },
      { id: "Decide_le", fields: { colRef: 4, type: "DateTime:Europe/Paris", label: "Décidé le" } },
      { id: "Thematiques", fields: { colRef: 5, type: "ChoiceList", label: "Thématiques" } },
      { id: "Porteur", fields: { colRef: 6, type: "Ref:Porteurs", label: "Porteur", visibleCol: 11 } },
      { id: "Partenaires", fields: { colRef: 7, type: "RefList:Porteurs", label: "Partenaires", visibleCol: 11 } },
      { id: "Session", fields: { colRef: 8, type: "Choice", label: "Session" } },
    ],
    records: [
      {
        id: 1,
        fields: { Intitule: "Projet fictif A", Montant: 120000.5, Date_decision: day("2026-03-01"), Decide_le: day("2026-03-01") + 36000, Thematiques: ["L", "Données", "Numérique"], Porteur: 1, Partenaires: ["L", 2], Session: "S1" },
      },
      {
        id: 2,
        fields: { Intitule: "Projet fictif B", Montant: 80000, Date_decision: null, Decide_le: null, Thematiques: null, Porteur: 0, Partenaires: null, Session: "S2" },
      },
      {
        id: 3,
        fields: { Intitule: "Projet fictif C", Montant: 50000, Date_decision: day("2026-04-15"), Decide_le: day("2026-04-15"), Thematiques: ["L", "Données"], Porteur: 2, Partenaires: ["L", 1, 2], Session: "S1" },
      },
    ],
  };
}
