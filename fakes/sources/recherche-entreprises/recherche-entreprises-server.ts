import { startLocalServer, type LocalServer } from "../../http/local-server.ts";
import { json } from "../../http/reply.ts";

/**
 * A fake Recherche d'entreprises API (docs/sources-apis.md §5): `GET /search?q=<siren>`, answering
 * 429 with Retry-After when more than `maxPerSecond` requests arrive within one second,
 * as the real one does per IP. It counts what a test needs to check the client's manners.
 */

/** A result of `/search` as the API documents it (the fields the fake knows; `complements` holds the rest). */
export interface FakeOrganisation {
  siren: string;
  nom_complet: string;
  nature_juridique: string;
  complements?: Record<string, unknown>;
}

export interface FakeRechercheEntreprises extends LocalServer {
  /** SIRENs asked, in arrival order (including those answered 429). */
  readonly queries: string[];
  readonly userAgents: string[];
  /** Requests refused because the rate limit was exceeded. */
  readonly served429: number;
}

export async function startFakeRechercheEntreprises(
  organisations: FakeOrganisation[],
  options: { maxPerSecond?: number; decoys?: Record<string, FakeOrganisation> } = {},
): Promise<FakeRechercheEntreprises> {
  const bySiren = new Map(organisations.map((organisation) => [organisation.siren, organisation]));

  const server = await startLocalServer(
    ({ url }) => {
      if (url.pathname !== "/search") return json(404, { erreur: `Route inconnue ${url.pathname}` });
      if (url.searchParams.get("minimal") !== "true") return json(400, { erreur: "Paramètre minimal=true attendu par ce faux serveur" });
      const q = url.searchParams.get("q") ?? "";
      const results = [options.decoys?.[q], bySiren.get(q)].filter((value): value is FakeOrganisation => value !== undefined);
      return json(200, { results, total_results: results.length, page: 1, per_page: 10, total_pages: results.length ? 1 : 0 });
    },
    { errorReply: (status) => json(status, { erreur: `Échec simulé ${status}` }) },
  );
  server.faults.setRateLimit({ maxPerSecond: options.maxPerSecond ?? 7, path: "/search", reply: json(429, { erreur: "Trop de requêtes" }, { "retry-after": "1" }) });
  const searches = () => server.requests.filter((request) => request.path === "/search");

  return {
    ...server,
    get queries() {
      return searches().map((request) => new URLSearchParams(request.search).get("q") ?? "");
    },
    get userAgents() {
      return searches().map((request) => String(request.headers["user-agent"] ?? ""));
    },
    get served429() {
      return server.faults.rateLimited;
    },
  };
}
