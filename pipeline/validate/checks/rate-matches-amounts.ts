import type { CheckFactory } from "../../frictionless/for-checks.ts";
import { columnParam, columnPosition, numberParam } from "./params.ts";

const TYPE = "rate-matches-amounts";

/**
 * Rates are published rounded (75 %, 33.3 %), so the default tolerance of 0.005 accepts a
 * rate rounded to the whole percent and rejects anything a rounding cannot explain.
 */
export const DEFAULT_RATE_TOLERANCE = 0.005;

/** Params: `{ rate_column, amount_column, cost_column, tolerance? }`. Rows missing a value, or with a zero cost, are not checked. */
export const rateMatchesAmounts: CheckFactory = (params, context) => {
  const rateColumn = columnParam(TYPE, params, "rate_column", context);
  const amountColumn = columnParam(TYPE, params, "amount_column", context);
  const costColumn = columnParam(TYPE, params, "cost_column", context);
  const tolerance = numberParam(TYPE, params, "tolerance", context, DEFAULT_RATE_TOLERANCE);
  const rateAt = columnPosition(context, rateColumn);
  const amountAt = columnPosition(context, amountColumn);
  const costAt = columnPosition(context, costColumn);
  return {
    type: TYPE,
    title: "Taux de cofinancement incohérent avec les montants",
    description:
      `Le taux de cofinancement doit être égal au montant accordé divisé par le coût total, à ${tolerance} près. ` +
      "Vérifiez qu'il est écrit entre 0 et 1 (0.75 et non 75) et que les montants sont justes, puis corrigez la valeur fausse.",
    row(row) {
      const rate = row.at(rateAt);
      const amount = row.at(amountAt);
      const cost = row.at(costAt);
      if (typeof rate !== "number" || typeof amount !== "number" || typeof cost !== "number" || cost === 0) {
        return undefined;
      }
      const expected = amount / cost;
      if (Math.abs(rate - expected) <= tolerance) return undefined;
      return [
        {
          fieldName: rateColumn,
          note:
            `${rateColumn} ${rate} diffère de ${amountColumn} / ${costColumn} = ${roundTo(expected, 4)} ` +
            `(écart toléré : ${tolerance})`,
        },
      ];
    },
  };
};

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
