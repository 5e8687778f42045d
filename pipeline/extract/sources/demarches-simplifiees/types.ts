/** Shapes of the démarches-simplifiées answers to the queries in query.ts (aliases included). */

export type DossierState = "en_construction" | "en_instruction" | "accepte" | "refuse" | "sans_suite";

export const DOSSIER_STATES: readonly DossierState[] = ["en_construction", "en_instruction", "accepte", "refuse", "sans_suite"];

interface Coded {
  code: string;
}

export interface DsChamp {
  id: string;
  __typename: string;
  label: string;
  stringValue: string | null;
  value?: string | null;
  decimalNumber?: number | null;
  /** BigInt scalar: a JSON string. */
  integerNumber?: string | number | null;
  date?: string | null;
  datetime?: string | null;
  checked?: boolean | null;
  selected?: boolean | null;
  values?: string[] | null;
  primaryValue?: string | null;
  secondaryValue?: string | null;
  etablissement?: { siret: string } | null;
  region?: Coded | null;
  departement?: Coded | null;
  commune?: Coded | null;
  pays?: Coded | null;
  epci?: Coded | null;
  rows?: Array<{ champs: DsChamp[] }>;
}

export interface DsDemandeur {
  __typename: string;
  siret?: string;
  entreprise?: { siren: string; raisonSociale: string | null } | null;
}

export interface DsDossier {
  id: string;
  number: number;
  state: DossierState;
  archived: boolean;
  dateDepot: string;
  datePassageEnConstruction: string;
  datePassageEnInstruction: string | null;
  dateTraitement: string | null;
  dateDerniereModification: string;
  demandeur: DsDemandeur | null;
  champs: DsChamp[];
  annotations: DsChamp[];
}

export interface DsConnection<Node> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<Node | null> | null;
}
