import type { SourceRecord } from "../../types.ts";
import type { DsChamp, DsDossier } from "./types.ts";

/**
 * One dossier as one record: its number, state and dates, the demandeur's SIRET, and its
 * champs and annotations keyed by the names the declaration gives them (`champs`:
 * record key → stable champ id), or by their stable ids when it gives none. Labels are
 * never used as keys: an administrator can reword a label without changing the data.
 * A demandeur who is a natural person yields no identity: we do not publish personal data.
 */
export function dossierToRecord(dossier: DsDossier, champs: Readonly<Record<string, string>> | undefined): SourceRecord {
  const record: SourceRecord = {
    number: dossier.number,
    id: dossier.id,
    state: dossier.state,
    archived: dossier.archived,
    dateDepot: dossier.dateDepot,
    datePassageEnConstruction: dossier.datePassageEnConstruction,
    datePassageEnInstruction: dossier.datePassageEnInstruction,
    dateTraitement: dossier.dateTraitement,
    dateDerniereModification: dossier.dateDerniereModification,
    demandeurSiret: dossier.demandeur?.siret ?? null,
    demandeurRaisonSociale: dossier.demandeur?.entreprise?.raisonSociale ?? null,
  };
  const byId = new Map<string, DsChamp>();
  for (const champ of [...dossier.champs, ...dossier.annotations]) byId.set(champ.id, champ);
  if (champs) {
    for (const [key, id] of Object.entries(champs)) {
      const champ = byId.get(id);
      record[key] = champ ? champValue(champ) : null;
    }
  } else {
    for (const [id, champ] of byId) record[id] = champValue(champ);
  }
  return record;
}

/** The typed value of a champ; types without a structured value give their text. */
export function champValue(champ: DsChamp): unknown {
  switch (champ.__typename) {
    case "TextChamp":
      return champ.value ?? champ.stringValue;
    case "DecimalNumberChamp":
      return champ.decimalNumber ?? null;
    case "IntegerNumberChamp":
      return integer(champ.integerNumber);
    case "DateChamp":
      return champ.date ?? null;
    case "DatetimeChamp":
      return champ.datetime ?? null;
    case "CheckboxChamp":
      return champ.checked ?? null;
    case "YesNoChamp":
      return champ.selected ?? null;
    case "MultipleDropDownListChamp":
      return champ.values ?? [];
    case "LinkedDropDownListChamp":
      return { primaryValue: champ.primaryValue ?? null, secondaryValue: champ.secondaryValue ?? null };
    case "SiretChamp":
      return champ.etablissement?.siret ?? null;
    case "RegionChamp":
      return champ.region?.code ?? null;
    case "DepartementChamp":
      return champ.departement?.code ?? null;
    case "CommuneChamp":
      return champ.commune?.code ?? null;
    case "PaysChamp":
      return champ.pays?.code ?? null;
    case "EpciChamp":
      return champ.epci?.code ?? null;
    case "RepetitionChamp":
      return (champ.rows ?? []).map((row) => Object.fromEntries(row.champs.map((child) => [child.id, champValue(child)])));
    default:
      return champ.stringValue;
  }
}

/** BigInt comes as a string; keep it a string when a JS number would lose digits. */
function integer(value: string | number | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : String(value);
}
