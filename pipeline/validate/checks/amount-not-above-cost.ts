import type { CheckFactory } from "../../frictionless/for-checks.ts";
import { columnParam, columnPosition } from "./params.ts";

const TYPE = "amount-not-above-cost";

/** Params: `{ amount_column, cost_column }`. Rows missing either value are not checked. */
export const amountNotAboveCost: CheckFactory = (params, context) => {
  const amountColumn = columnParam(TYPE, params, "amount_column", context);
  const costColumn = columnParam(TYPE, params, "cost_column", context);
  const amountAt = columnPosition(context, amountColumn);
  const costAt = columnPosition(context, costColumn);
  return {
    type: TYPE,
    title: "Montant accordé supérieur au coût du projet",
    description:
      "Le montant accordé dépasse le coût total du projet, ce qui est impossible. Vérifiez les deux montants " +
      "(unités, séparateur décimal, colonnes inversées) et corrigez celui qui est faux.",
    row(row) {
      const amount = row.at(amountAt);
      const cost = row.at(costAt);
      if (typeof amount !== "number" || typeof cost !== "number" || amount <= cost) return undefined;
      return [{ fieldName: amountColumn, note: `${amountColumn} ${amount} est supérieur à ${costColumn} ${cost}` }];
    },
  };
};
