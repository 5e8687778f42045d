import { describe, expect, it } from "vitest";
import { toScdlSubventions } from "./to-scdl-subventions.ts";

const appel = {
  id: "appel-fictif-a",
  nom_gestionnaire: "Direction fictive du numérique",
  siren_gestionnaire: "000000000",
  siret_gestionnaire: "00000000000018",
};
const complet = {
  id: "laureat-fictif-1",
  appel_id: "appel-fictif-a",
  titre: "Projet fictif A",
  nom_porteur: "Administration fictive A",
  siren_porteur: "000000000",
  siret_porteur: "00000000000026",
  montant_accorde: 300000,
  date_decision: "2021-11-28",
  reference_decision: "DECISION-FICTIVE-1",
  conditions_versement: "échelonné",
  dates_periode_versement: "2022-01-01/2022-12-31",
};

describe("toScdlSubventions", () => {
  it("turns a lauréat with every required fact into one SCDL row, grantor taken from its call", () => {
    const { rows, excluded } = toScdlSubventions({ appels: [appel], laureats: [complet] });
    expect(excluded).toEqual([]);
    expect(rows).toEqual([
      {
        nomAttribuant: "Direction fictive du numérique",
        idAttribuant: "00000000000018",
        dateConvention: "2021-11-28",
        referenceDecision: "DECISION-FICTIVE-1",
        nomBeneficiaire: "Administration fictive A",
        idBeneficiaire: "00000000000026",
        rnaBeneficiaire: null,
        objet: "Projet fictif A",
        montant: 300000,
        nature: "aide en numéraire",
        conditionsVersement: "échelonné",
        datesPeriodeVersement: "2022-01-01/2022-12-31",
        idRAE: null,
        notificationUE: false,
        pourcentageSubvention: 1,
        dispositifAide: "appel-fictif-a",
      },
    ]);
  });

  it("excludes a lauréat whose call gives only a SIREN, and says a SIREN is not a SIRET", () => {
    const { rows, excluded } = toScdlSubventions({
      appels: [{ ...appel, siret_gestionnaire: null }],
      laureats: [complet],
    });
    expect(rows).toEqual([]);
    expect(excluded).toEqual([
      {
        resource: "laureats",
        key: "laureat-fictif-1",
        reason: "seul le SIREN 000000000 du gestionnaire de l'appel est connu, or idAttribuant exige un SIRET",
        fields: ["idAttribuant"],
      },
    ]);
  });

  it("lists every missing required fact instead of inventing payment terms, dates or amounts", () => {
    const { rows, excluded } = toScdlSubventions({
      appels: [appel],
      laureats: [
        {
          ...complet,
          id: "laureat-fictif-2",
          montant_accorde: null,
          date_decision: null,
          siret_porteur: null,
          conditions_versement: null,
          dates_periode_versement: "",
        },
      ],
    });
    expect(rows).toEqual([]);
    expect(excluded[0]?.reason.split(" ; ")).toEqual([
      "montant accordé non publié (montant)",
      "date de décision non publiée (dateConvention)",
      "seul le SIREN 000000000 du porteur est connu, or idBeneficiaire exige un SIRET",
      "conditions de versement non publiées (conditionsVersement)",
      "dates de versement non publiées (datesPeriodeVersement)",
    ]);
    expect(excluded[0]?.fields).toEqual(["montant", "dateConvention", "idBeneficiaire", "conditionsVersement", "datesPeriodeVersement"]);
  });

  it("excludes a lauréat whose call is unknown and keeps the order of the others", () => {
    const { rows, excluded } = toScdlSubventions({
      appels: [appel],
      laureats: [
        { ...complet, id: "laureat-fictif-3", appel_id: "appel-fictif-inconnu" },
        { ...complet, id: "laureat-fictif-4", titre: "Projet fictif B" },
        { ...complet, id: "laureat-fictif-5", titre: "Projet fictif C", reference_decision: null },
      ],
    });
    expect(excluded.map((e) => e.key)).toEqual(["laureat-fictif-3"]);
    expect(excluded[0]?.reason).toMatch(/appel « appel-fictif-inconnu » introuvable/);
    expect(rows.map((r) => [r.objet, r.referenceDecision])).toEqual([
      ["Projet fictif B", "DECISION-FICTIVE-1"],
      ["Projet fictif C", null],
    ]);
  });
});
