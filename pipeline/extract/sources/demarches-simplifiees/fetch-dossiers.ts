import { ExtractError } from "../../types.ts";
import { postGraphql, type GraphqlEndpoint } from "./graphql-client.ts";
import { DELETED_DOSSIERS_QUERY, DOSSIERS_QUERY, PAGE_SIZE } from "./query.ts";
import type { DossierState, DsConnection, DsDossier } from "./types.ts";

type DemarcheAnswer<Key extends string, Node> = { demarche: ({ number: number } & Record<Key, DsConnection<Node>>) | null };

export interface Fetched<Node> {
  nodes: Node[];
  bytes: number;
  pages: number;
}

/** Dossiers of a démarche, optionally in one state and/or updated since a time, all pages. */
export function fetchDossiers(endpoint: GraphqlEndpoint, args: { demarche: number; state?: DossierState; updatedSince?: string }): Promise<Fetched<DsDossier>> {
  return paginate<"dossiers", DsDossier>(endpoint, "getDossiers", DOSSIERS_QUERY, "dossiers", {
    demarche: args.demarche,
    state: args.state ?? null,
    updatedSince: args.updatedSince ?? null,
  });
}

/** Numbers of the dossiers deleted since a time. */
export async function fetchDeletedDossierNumbers(endpoint: GraphqlEndpoint, args: { demarche: number; deletedSince: string }): Promise<Fetched<number>> {
  const fetched = await paginate<"deletedDossiers", { number: number }>(endpoint, "getDeletedDossiers", DELETED_DOSSIERS_QUERY, "deletedDossiers", {
    demarche: args.demarche,
    deletedSince: args.deletedSince,
  });
  return { ...fetched, nodes: fetched.nodes.map((node) => node.number) };
}

/** Follow Relay cursors (`after: endCursor` while `hasNextPage`), refusing a cursor that does not move. */
async function paginate<Key extends string, Node>(
  endpoint: GraphqlEndpoint,
  operationName: string,
  query: string,
  key: Key,
  variables: Record<string, unknown>,
): Promise<Fetched<Node>> {
  const nodes: Node[] = [];
  const seenCursors = new Set<string>();
  let after: string | null = null;
  let bytes = 0;
  let pages = 0;
  for (;;) {
    const page: { data: DemarcheAnswer<Key, Node>; bytes: number } = await postGraphql<DemarcheAnswer<Key, Node>>(endpoint, operationName, query, { ...variables, first: PAGE_SIZE, after });
    bytes += page.bytes;
    pages++;
    const connection = page.data.demarche?.[key];
    if (!connection || !connection.pageInfo) {
      throw new ExtractError({
        code: "malformed",
        source: endpoint.source,
        message: `${endpoint.source}: the ${operationName} answer has no demarche.${key}.pageInfo`,
        hint: "check the démarche number; if it is right, the API did not answer as documented",
      });
    }
    for (const node of connection.nodes ?? []) if (node) nodes.push(node);
    const { hasNextPage, endCursor } = connection.pageInfo;
    if (!hasNextPage) return { nodes, bytes, pages };
    if (!endCursor || seenCursors.has(endCursor)) {
      throw new ExtractError({
        code: "malformed",
        source: endpoint.source,
        message: `${endpoint.source}: page ${pages} of ${operationName} says there is a next page but gives ${endCursor ? `a cursor already followed (${endCursor})` : "no cursor"}`,
        hint: "the API's pagination is looping; retry later",
      });
    }
    seenCursors.add(endCursor);
    after = endCursor;
  }
}
