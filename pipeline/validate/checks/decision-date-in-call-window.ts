import type { CheckContext, CheckFactory } from "../../frictionless/for-checks.ts";
import { toIsoDate } from "./iso-date.ts";
import { CheckParamsError, columnParam, stringParam } from "./params.ts";

const TYPE = "decision-date-in-call-window";

/**
 * Params: `{ date_column, call_column, calls_resource?, calls_key?, calls_opening_field? }`
 * (defaults: `appels`, `id`, `date_ouverture`). A decision may come after the call closed
 * (juries sit later), so only "not before the opening" is checked.
 *
 * The calls are read from the package. A table validated on its own has no package: the
 * check then has nothing to compare with and checks nothing, as foreign keys do.
 */
export const decisionDateInCallWindow: CheckFactory = async (params, context) => {
  const dateColumn = columnParam(TYPE, params, "date_column", context);
  const callColumn = columnParam(TYPE, params, "call_column", context);
  const callsResource = stringParam(TYPE, params, "calls_resource", context, "appels");
  const callsKey = stringParam(TYPE, params, "calls_key", context, "id");
  const openingField = stringParam(TYPE, params, "calls_opening_field", context, "date_ouverture");
  const openings = context.package ? await readOpenings(context, callsResource, callsKey, openingField) : undefined;
  return {
    type: TYPE,
    title: "Décision antérieure à l'ouverture de l'appel",
    description:
      "La date de décision précède la date d'ouverture de l'appel auquel le projet répond : un projet ne peut être " +
      "retenu avant d'avoir pu candidater. Vérifiez la date de décision (format, jour et mois inversés), " +
      "l'appel indiqué, et la date d'ouverture de cet appel.",
    row(row) {
      if (openings === undefined) return undefined;
      const decision = toIsoDate(row.get(dateColumn));
      const call = row.get(callColumn);
      if (decision === undefined || typeof call !== "string") return undefined;
      const opening = openings.get(call);
      if (opening === undefined || decision >= opening) return undefined;
      return [
        {
          fieldName: dateColumn,
          note: `${dateColumn} ${decision} précède l'ouverture de l'appel "${call}" (${opening})`,
        },
      ];
    },
  };
};

/** Call key → opening date, for the calls that have one. */
async function readOpenings(
  context: CheckContext,
  resource: string,
  key: string,
  openingField: string,
): Promise<Map<string, string>> {
  if (!context.package?.resources.some((candidate) => candidate.name === resource)) {
    throw new CheckParamsError(TYPE, "calls_resource", context, `names "${resource}", which is not a resource of the package`);
  }
  const openings = new Map<string, string>();
  for await (const call of context.readRows(resource)) {
    const id = call[key];
    const opening = toIsoDate(call[openingField]);
    if (typeof id === "string" && opening !== undefined) openings.set(id, opening);
  }
  return openings;
}
