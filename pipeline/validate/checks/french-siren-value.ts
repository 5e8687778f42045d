import type { CheckFactory } from "../../frictionless/index.ts";
import { isDigits, isValidSiren } from "./french-identifiers.ts";
import { columnParam } from "./params.ts";

const TYPE = "french-siren-value";

/**
 * Params: `{ column }`. Only nine-digit values are checked: the format itself is the
 * field's `pattern` constraint, reported once as a constraint-error.
 */
export const frenchSirenValue: CheckFactory = (params, context) => {
  const column = columnParam(TYPE, params, "column", context);
  return {
    type: TYPE,
    title: "SIREN invalide",
    description:
      "Le numéro SIREN n'existe pas : sa clé de contrôle (algorithme de Luhn) est fausse. " +
      "Vérifiez-le dans l'Annuaire des entreprises (annuaire-entreprises.data.gouv.fr) et corrigez la saisie, " +
      "ou laissez la cellule vide s'il n'est pas connu.",
    row(row) {
      const value = row.get(column);
      if (typeof value !== "string" || !isDigits(value, 9) || isValidSiren(value)) return undefined;
      return [{ fieldName: column, note: `le SIREN "${value}" a une clé de contrôle fausse` }];
    },
  };
};
