/**
 * The GraphQL documents sent to démarches-simplifiées. Typed champs are asked through
 * fragments, with aliases where two types name differently typed fields `value`
 * (GraphQL refuses one response key with two types), as the official getDemarche query does.
 */
const CHAMP_FIELDS = /* GraphQL */ `
fragment ChampFields on Champ {
  id
  __typename
  label
  stringValue
  ... on TextChamp { value }
  ... on DecimalNumberChamp { decimalNumber: value }
  ... on IntegerNumberChamp { integerNumber: value }
  ... on DateChamp { date }
  ... on DatetimeChamp { datetime }
  ... on CheckboxChamp { checked: value }
  ... on YesNoChamp { selected: value }
  ... on MultipleDropDownListChamp { values }
  ... on LinkedDropDownListChamp { primaryValue secondaryValue }
  ... on SiretChamp { etablissement { siret } }
  ... on RegionChamp { region { code } }
  ... on DepartementChamp { departement { code } }
  ... on CommuneChamp { commune { code } }
  ... on PaysChamp { pays { code } }
  ... on EpciChamp { epci { code } }
}`;

const ROOT_CHAMP_FIELDS = /* GraphQL */ `
fragment RootChampFields on Champ {
  ...ChampFields
  ... on RepetitionChamp { rows { champs { ...ChampFields } } }
}`;

export const DOSSIERS_QUERY = /* GraphQL */ `
query getDossiers($demarche: Int!, $first: Int!, $after: String, $state: DossierState, $updatedSince: ISO8601DateTime) {
  demarche(number: $demarche) {
    number
    dossiers(first: $first, after: $after, state: $state, updatedSince: $updatedSince) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        number
        state
        archived
        dateDepot
        datePassageEnConstruction
        datePassageEnInstruction
        dateTraitement
        dateDerniereModification
        demandeur {
          __typename
          ... on PersonneMorale { siret entreprise { siren raisonSociale } }
          ... on PersonneMoraleIncomplete { siret }
        }
        champs { ...RootChampFields }
        annotations { ...RootChampFields }
      }
    }
  }
}
${ROOT_CHAMP_FIELDS}
${CHAMP_FIELDS}`;

export const DELETED_DOSSIERS_QUERY = /* GraphQL */ `
query getDeletedDossiers($demarche: Int!, $first: Int!, $after: String, $deletedSince: ISO8601DateTime) {
  demarche(number: $demarche) {
    number
    deletedDossiers(first: $first, after: $after, deletedSince: $deletedSince) {
      pageInfo { hasNextPage endCursor }
      nodes { number dateSupression }
    }
  }
}`;

/** The API serves at most 100 dossiers per request. */
export const PAGE_SIZE = 100;
