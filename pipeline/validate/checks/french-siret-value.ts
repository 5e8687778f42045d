import type { CheckFactory } from "../../frictionless/for-checks.ts";
import { isValidSiretDigits } from "./french-identifiers.ts";
import { columnParam, columnPosition } from "./params.ts";

const TYPE = "french-siret-value";

/**
 * Params: `{ column }`, as Validata's check of the same name. Only fourteen-digit values
 * are checked: the format itself is the field's `pattern` constraint.
 */
export const frenchSiretValue: CheckFactory = (params, context) => {
  const column = columnParam(TYPE, params, "column", context);
  const position = columnPosition(context, column);
  // Read as digits, without a string per row; one array for the check's rows, one row at a time.
  const digits = new Uint8Array(14);
  return {
    type: TYPE,
    title: "SIRET invalide",
    description:
      "Le numéro SIRET n'existe pas : sa clé de contrôle (algorithme de Luhn, ou somme des chiffres multiple de 5 " +
      "pour les établissements de La Poste) ou celle du SIREN qu'il contient est fausse. Vérifiez-le dans l'Annuaire " +
      "des entreprises (annuaire-entreprises.data.gouv.fr) et corrigez la saisie, ou laissez la cellule vide.",
    row(row) {
      if (row.digitsAt(position, digits) !== 14 || isValidSiretDigits(digits)) return undefined;
      return [{ fieldName: column, note: `le SIRET "${row.get(column) as string}" a une clé de contrôle fausse` }];
    },
  };
};
