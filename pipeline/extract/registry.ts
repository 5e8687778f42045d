import { aidesTerritoiresConnector } from "./sources/aides-territoires/connector.ts";
import { demarchesSimplifieesConnector } from "./sources/demarches-simplifiees/connector.ts";
import { fileConnector } from "./sources/file/connector.ts";
import { githubConnector } from "./sources/github/connector.ts";
import { gristConnector } from "./sources/grist/connector.ts";
import { httpConnector } from "./sources/http/connector.ts";
import { ExtractError, type Connector } from "./types.ts";

/**
 * Every connector a declaration can name in `source: { connector: … }`. Adding one is one
 * import and one line here. Options are typed per connector; the declaration loader has
 * already checked them against `optionsSchema` when `extract` receives them.
 */
export const connectors: Record<string, Connector> = Object.fromEntries([
  entry(fileConnector),
  entry(httpConnector),
  entry(githubConnector),
  entry(demarchesSimplifieesConnector),
  entry(gristConnector),
  entry(aidesTerritoiresConnector),
]);

/** Widening the options type is safe because `extract` only ever gets options checked against `optionsSchema`. */
function entry<Options>(connector: Connector<Options>): [string, Connector] {
  return [connector.kind, connector as unknown as Connector];
}

export function getConnector(kind: string): Connector {
  const connector = Object.hasOwn(connectors, kind) ? connectors[kind] : undefined;
  if (!connector) {
    throw new ExtractError({
      code: "unknown-connector",
      source: kind,
      message: `unknown connector "${kind}"`,
      hint: `use one of: ${Object.keys(connectors).sort().join(", ")}`,
    });
  }
  return connector;
}

/** JSON Schema of the options of `source` blocks using this connector (the block without its `connector` key). */
export function sourceOptionsSchema(kind: string): Record<string, unknown> {
  return getConnector(kind).optionsSchema;
}

/** Connector kind → options schema, as the declaration loader takes them. */
export function connectorOptionsSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(connectors).map(([kind, connector]) => [kind, connector.optionsSchema]));
}
