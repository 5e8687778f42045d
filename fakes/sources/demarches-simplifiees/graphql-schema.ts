/**
 * The subset of the démarches-simplifiées API v2 schema that the connector queries, with
 * the real type and field names (docs/sources-apis.md §2.2), so that the fake server rejects a query
 * the real one would reject (an unknown field, a wrong argument type).
 */
export const DS_SCHEMA_SDL = /* GraphQL */ `
scalar ISO8601DateTime
scalar ISO8601Date
scalar BigInt

enum DossierState { en_construction en_instruction accepte refuse sans_suite }
enum Order { ASC DESC }

type Query {
  demarche(number: Int!): Demarche!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type Demarche {
  id: ID!
  number: Int!
  title: String!
  dossiers(first: Int, after: String, state: DossierState, order: Order, archived: Boolean,
           createdSince: ISO8601DateTime, updatedSince: ISO8601DateTime): DossierConnection!
  deletedDossiers(first: Int, after: String, order: Order, deletedSince: ISO8601DateTime): DeletedDossierConnection!
}

type DossierConnection { pageInfo: PageInfo! nodes: [Dossier] }
type DeletedDossierConnection { pageInfo: PageInfo! nodes: [DeletedDossier] }

type DeletedDossier {
  id: ID!
  number: Int!
  state: DossierState!
  reason: String!
  dateSupression: ISO8601DateTime!
}

type Dossier {
  id: ID!
  number: Int!
  state: DossierState!
  archived: Boolean!
  dateDepot: ISO8601DateTime!
  datePassageEnConstruction: ISO8601DateTime!
  datePassageEnInstruction: ISO8601DateTime
  dateTraitement: ISO8601DateTime
  dateDerniereModification: ISO8601DateTime!
  demandeur: Demandeur!
  champs: [Champ!]!
  annotations: [Champ!]!
}

interface Demandeur { id: ID! }
type Entreprise { siren: String! raisonSociale: String }
type PersonneMorale implements Demandeur { id: ID! siret: String! naf: String libelleNaf: String! entreprise: Entreprise }
type PersonneMoraleIncomplete implements Demandeur { id: ID! siret: String! }
type PersonnePhysique implements Demandeur { id: ID! civilite: String nom: String! prenom: String! }

interface Champ { id: ID! label: String! stringValue: String }
type TextChamp implements Champ { id: ID! label: String! stringValue: String value: String }
type DecimalNumberChamp implements Champ { id: ID! label: String! stringValue: String value: Float }
type IntegerNumberChamp implements Champ { id: ID! label: String! stringValue: String value: BigInt }
type DateChamp implements Champ { id: ID! label: String! stringValue: String date: ISO8601Date value: ISO8601DateTime }
type DatetimeChamp implements Champ { id: ID! label: String! stringValue: String datetime: ISO8601DateTime }
type CheckboxChamp implements Champ { id: ID! label: String! stringValue: String value: Boolean! }
type YesNoChamp implements Champ { id: ID! label: String! stringValue: String value: Boolean }
type DropDownListChamp implements Champ { id: ID! label: String! stringValue: String }
type MultipleDropDownListChamp implements Champ { id: ID! label: String! stringValue: String values: [String!]! }
type LinkedDropDownListChamp implements Champ { id: ID! label: String! stringValue: String primaryValue: String secondaryValue: String }
type SiretChamp implements Champ { id: ID! label: String! stringValue: String etablissement: PersonneMorale }
type Region { code: String! name: String! }
type Departement { code: String! name: String! }
type Commune { code: String! name: String! postalCode: String }
type Pays { code: String! name: String! }
type Epci { code: String! name: String! }
type RegionChamp implements Champ { id: ID! label: String! stringValue: String region: Region }
type DepartementChamp implements Champ { id: ID! label: String! stringValue: String departement: Departement }
type CommuneChamp implements Champ { id: ID! label: String! stringValue: String commune: Commune departement: Departement }
type PaysChamp implements Champ { id: ID! label: String! stringValue: String pays: Pays }
type EpciChamp implements Champ { id: ID! label: String! stringValue: String epci: Epci departement: Departement }
type Row { id: ID! champs: [Champ!]! }
type RepetitionChamp implements Champ { id: ID! label: String! stringValue: String rows: [Row!]! }
`;
