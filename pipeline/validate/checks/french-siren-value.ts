import type { CheckFactory } from "../../frictionless/for-checks.ts";
import { passesLuhnDigits } from "./french-identifiers.ts";
import { columnParam, columnPosition } from "./params.ts";

const TYPE = "french-siren-value";

/**
 * Params: `{ column }`. Only nine-digit values are checked: the format itself is the
 * field's `pattern` constraint, reported once as a constraint-error.
 */
export const frenchSirenValue: CheckFactory = (params, context) => {
  const column = columnParam(TYPE, params, "column", context);
  const position = columnPosition(context, column);
  // Read as digits, without a string per row; one array for the check's rows, one row at a time.
  const digits = new Uint8Array(9);
  return {
    type: TYPE,
    title: "SIREN invalide",
    description:
      "Le numéro SIREN n'existe pas : sa clé de contrôle (algorithme de Luhn) est fausse. " +
      "Vérifiez-le dans l'Annuaire des entreprises (annuaire-entreprises.data.gouv.fr) et corrigez la saisie, " +
      "ou laissez la cellule vide s'il n'est pas connu.",
    row(row) {
      if (row.digitsAt(position, digits) !== 9 || passesLuhnDigits(digits, 9)) return undefined;
      return [{ fieldName: column, note: `le SIREN "${row.get(column) as string}" a une clé de contrôle fausse` }];
    },
  };
};
