/** What the Recherche d'entreprises API says about one organisation (docs/sources-apis.md §5.1). */
export interface SirenInfo {
  siren: string;
  /** `nom_complet`: the name with the acronym, as the directory shows it. */
  nomComplet: string;
  /** `nature_juridique`, INSEE legal category code (7xxx: public-law body). */
  natureJuridique: string | null;
  /** `complements.est_service_public`, when the API gives it. */
  estServicePublic?: boolean;
  /** `complements.est_administration` (DINUM's list; may include false positives). */
  estAdministration?: boolean;
}
