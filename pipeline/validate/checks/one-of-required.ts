import type { CheckFactory } from "../../frictionless/for-checks.ts";
import { columnParam } from "./params.ts";

const TYPE = "one-of-required";

/** Params: `{ column1, column2 }`, as Validata's check of the same name (SCDL subventions uses it). */
export const oneOfRequired: CheckFactory = (params, context) => {
  const column1 = columnParam(TYPE, params, "column1", context);
  const column2 = columnParam(TYPE, params, "column2", context);
  return {
    type: TYPE,
    title: "Une des deux colonnes doit être renseignée",
    description: `Au moins une des colonnes "${column1}" et "${column2}" doit être remplie sur chaque ligne. Renseignez l'une des deux.`,
    row(row) {
      if (isFilled(row.get(column1)) || isFilled(row.get(column2))) return undefined;
      return [{ fieldName: column1, note: `"${column1}" et "${column2}" sont toutes deux vides` }];
    },
  };
};

function isFilled(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "";
}
