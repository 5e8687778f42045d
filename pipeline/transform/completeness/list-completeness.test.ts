import { describe, expect, it } from "vitest";
import { listCompleteness } from "./list-completeness.ts";

const appels = [
  { id: "appel-fictif-complet", titre: "Appel fictif complet", nb_laureats_annonces: 2, url_source_resultats: "https://example.org/resultats-complet" },
  { id: "appel-fictif-partiel", titre: "Appel fictif partiel", nb_laureats_annonces: 5 },
  { id: "appel-fictif-sans-nombre", titre: "Appel fictif sans nombre annoncé", nb_laureats_annonces: null },
  { id: "appel-fictif-muet", titre: "Appel fictif sans résultats" },
  { id: "appel-fictif-trop", titre: "Appel fictif avec plus de lignes qu'annoncé", nb_laureats_annonces: 1 },
  { id: "appel-fictif-annonce-vide", titre: "Appel fictif annoncé, aucune liste", nb_laureats_annonces: 3 },
];

const laureats = [
  { id: "l1", appel_id: "appel-fictif-complet", montant_accorde: 100000 },
  { id: "l2", appel_id: "appel-fictif-complet", montant_accorde: 0 },
  { id: "l3", appel_id: "appel-fictif-partiel", montant_accorde: null },
  { id: "l4", appel_id: "appel-fictif-partiel", montant_accorde: 250000.5 },
  { id: "l5", appel_id: "appel-fictif-sans-nombre" },
  { id: "l6", appel_id: "appel-fictif-trop" },
  { id: "l7", appel_id: "appel-fictif-trop" },
];

describe("listCompleteness", () => {
  const byId = Object.fromEntries(listCompleteness(appels, laureats).map((entry) => [entry.appelId, entry]));

  it("compares the lauréats a call announced with those listed, and says whether the list is complete", () => {
    expect(byId["appel-fictif-complet"]).toMatchObject({ laureatsAnnonces: 2, laureatsListes: 2, laureatsManquants: 0, statut: "complète", source: "https://example.org/resultats-complet" });
    expect(byId["appel-fictif-partiel"]).toMatchObject({ laureatsAnnonces: 5, laureatsListes: 2, laureatsManquants: 3, statut: "partielle", source: null });
    expect(byId["appel-fictif-annonce-vide"]).toMatchObject({ laureatsAnnonces: 3, laureatsListes: 0, laureatsManquants: 3, statut: "non listée" });
    expect(byId["appel-fictif-trop"]).toMatchObject({ laureatsAnnonces: 1, laureatsListes: 2, laureatsManquants: 0, statut: "plus de lignes qu'annoncé" });
  });

  it("never takes an unknown announced number or an unknown amount for a zero", () => {
    expect(byId["appel-fictif-sans-nombre"]).toMatchObject({ laureatsAnnonces: null, laureatsListes: 1, laureatsManquants: null, statut: "nombre annoncé inconnu" });
    // A published amount of 0 is known; a missing one is not.
    expect(byId["appel-fictif-complet"]).toMatchObject({ montantsConnus: 2, montantsInconnus: 0, sommeMontantsConnus: 100000 });
    expect(byId["appel-fictif-partiel"]).toMatchObject({ montantsConnus: 1, montantsInconnus: 1, sommeMontantsConnus: 250000.5 });
    expect(byId["appel-fictif-trop"]).toMatchObject({ montantsConnus: 0, montantsInconnus: 2, sommeMontantsConnus: 0 });
  });

  it("leaves out calls with neither an announced number nor a listed lauréat, and keeps the order of the calls table", () => {
    expect(Object.keys(byId)).not.toContain("appel-fictif-muet");
    expect(listCompleteness(appels, laureats).map((entry) => entry.appelId)).toEqual([
      "appel-fictif-complet",
      "appel-fictif-partiel",
      "appel-fictif-sans-nombre",
      "appel-fictif-trop",
      "appel-fictif-annonce-vide",
    ]);
  });
});
