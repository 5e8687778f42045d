import { buildSchema, graphql, GraphQLError, type GraphQLSchema } from "graphql";
import { startLocalServer, type LocalServer } from "../../http/local-server.ts";
import { json } from "../../http/reply.ts";
import { DS_SCHEMA_SDL } from "./graphql-schema.ts";

/**
 * A fake démarches-simplifiées GraphQL API v2 (docs/sources-apis.md §2), executing queries with the
 * `graphql` reference implementation against a subset of the real schema: bearer auth
 * (401 otherwise), Relay pagination capped at 100, `state` and `updatedSince` filters,
 * `deletedDossiers(deletedSince)`, GraphQL errors with `extensions.code`, and a rate limit
 * answering 429 with Retry-After.
 */

/** A dossier as the resolvers serve it: field names of the schema, `__typename` on champs and demandeur. */
export interface FakeDossier {
  id: string;
  number: number;
  state: string;
  archived: boolean;
  dateDepot: string;
  datePassageEnConstruction: string;
  datePassageEnInstruction: string | null;
  dateTraitement: string | null;
  dateDerniereModification: string;
  demandeur: Record<string, unknown> & { __typename: string };
  champs: Array<Record<string, unknown> & { __typename: string; id: string }>;
  annotations: Array<Record<string, unknown> & { __typename: string; id: string }>;
}

export interface FakeDeletedDossier {
  number: number;
  state: string;
  reason: string;
  dateSupression: string;
}

export interface FakeDemarche {
  number: number;
  title: string;
  dossiers: FakeDossier[];
  deletedDossiers: FakeDeletedDossier[];
}

export interface SeenQuery {
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export interface FakeDemarchesSimplifiees extends LocalServer {
  /** Démarches served, by number; tests change them between runs. */
  readonly demarches: Map<number, FakeDemarche>;
  /** Queries that reached the GraphQL layer (authenticated, not faulted). */
  readonly queries: SeenQuery[];
  /** Requests refused by the rate limit. */
  readonly served429: number;
}

const MAX_PAGE_SIZE = 100;

export async function startFakeDemarchesSimplifiees(init: { token: string; demarches: FakeDemarche[]; maxPerSecond?: number }): Promise<FakeDemarchesSimplifiees> {
  const schema: GraphQLSchema = buildSchema(DS_SCHEMA_SDL);
  const demarches = new Map(init.demarches.map((demarche) => [demarche.number, demarche]));
  const queries: SeenQuery[] = [];

  const rootValue = {
    demarche: ({ number }: { number: number }) => {
      const demarche = demarches.get(number);
      if (!demarche) throw new GraphQLError(`Demarche not found`, { extensions: { code: "not_found" } });
      return {
        id: Buffer.from(`Procedure-${number}`).toString("base64"),
        number,
        title: demarche.title,
        dossiers: (args: { first?: number; after?: string; state?: string; updatedSince?: string }) => {
          let nodes = [...demarche.dossiers].sort((a, b) => a.number - b.number);
          if (args.state) nodes = nodes.filter((dossier) => dossier.state === args.state);
          const since = args.updatedSince;
          if (since) nodes = nodes.filter((dossier) => Date.parse(dossier.dateDerniereModification) >= Date.parse(since));
          return page(nodes, args);
        },
        deletedDossiers: (args: { first?: number; after?: string; deletedSince?: string }) => {
          const since = args.deletedSince;
          const nodes = demarche.deletedDossiers.filter((deleted) => !since || Date.parse(deleted.dateSupression) >= Date.parse(since));
          return page(nodes.map((deleted) => ({ id: Buffer.from(`Dossier-${deleted.number}`).toString("base64"), ...deleted })), args);
        },
      };
    },
  };

  const server = await startLocalServer(
    async ({ method, path, headers, body }) => {
      if (method !== "POST" || path !== "/api/v2/graphql") return json(404, { errors: [{ message: "Not found" }] });
      if (headers.authorization !== `Bearer ${init.token}`) {
        return json(401, { errors: [{ message: "Without a valid token, only persisted queries are allowed", extensions: { code: "unauthorized" } }] });
      }
      let request: { query?: string; variables?: Record<string, unknown>; operationName?: string };
      try {
        request = JSON.parse(body.toString("utf8")) as typeof request;
      } catch {
        return json(400, { errors: [{ message: "Invalid JSON body" }] });
      }
      queries.push({ operationName: request.operationName, variables: request.variables ?? {} });
      const result = await graphql({ schema, source: request.query ?? "", rootValue, variableValues: request.variables, operationName: request.operationName });
      // Like graphql-ruby, validation and resolver errors come back with HTTP 200.
      return json(200, result);
    },
    { errorReply: (status) => json(status, { errors: [{ message: `Simulated failure ${status}` }] }) },
  );
  if (init.maxPerSecond !== undefined) {
    server.faults.setRateLimit({ maxPerSecond: init.maxPerSecond, reply: json(429, { errors: [{ message: "Too many requests" }] }, { "retry-after": "1" }) });
  }

  return {
    ...server,
    demarches,
    queries,
    get served429() {
      return server.faults.rateLimited;
    },
  };
}

function page<Node>(nodes: Node[], args: { first?: number; after?: string }) {
  const first = Math.min(args.first ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = args.after ? Number(Buffer.from(args.after, "base64").toString("utf8").replace("offset:", "")) : 0;
  const slice = nodes.slice(start, start + first);
  const end = start + slice.length;
  return {
    nodes: slice,
    pageInfo: {
      hasNextPage: end < nodes.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? Buffer.from(`offset:${start}`).toString("base64") : null,
      endCursor: slice.length ? Buffer.from(`offset:${end}`).toString("base64") : null,
    },
  };
}
