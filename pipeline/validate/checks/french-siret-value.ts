import type { CheckFactory } from "../../frictionless/index.ts";
import { isDigits, isValidSiret } from "./french-identifiers.ts";
import { columnParam } from "./params.ts";

const TYPE = "french-siret-value";

/**
 * Params: `{ column }`, as Validata's check of the same name. Only fourteen-digit values
 * are checked: the format itself is the field's `pattern` constraint.
 */
export const frenchSiretValue: CheckFactory = (params, context) => {
  const column = columnParam(TYPE, params, "column", context);
  return {
    type: TYPE,
    title: "SIRET invalide",
    description:
      "Le numéro SIRET n'existe pas : sa clé de contrôle (algorithme de Luhn, ou somme des chiffres multiple de 5 " +
      "pour les établissements de La Poste) ou celle du SIREN qu'il contient est fausse. Vérifiez-le dans l'Annuaire " +
      "des entreprises (annuaire-entreprises.data.gouv.fr) et corrigez la saisie, ou laissez la cellule vide.",
    row(row) {
      const value = row.get(column);
      if (typeof value !== "string" || !isDigits(value, 14) || isValidSiret(value)) return undefined;
      return [{ fieldName: column, note: `le SIRET "${value}" a une clé de contrôle fausse` }];
    },
  };
};
