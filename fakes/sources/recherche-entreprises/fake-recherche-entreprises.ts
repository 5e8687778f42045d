import { createFaultInjector, type Fault } from "../../http/faults.ts";
import { startLocalServer, sendJson, type LocalServer } from "../../http/local-server.ts";

/**
 * A fake Recherche d'entreprises API (docs/sources-apis.md §5): `GET /search?q=<siren>`, answering
 * 429 with Retry-After when more than `maxPerSecond` requests arrive within one second,
 * as the real one does per IP. It counts what a test needs to check the client's manners.
 */
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
  /** Requests that came back before the Retry-After they were given had elapsed. */
  readonly earlyRetries: number;
  /** Scripted answers for the next requests, before any other logic. */
  readonly script: Fault[];
}

export async function startFakeRechercheEntreprises(
  organisations: FakeOrganisation[],
  options: { maxPerSecond?: number; decoys?: Record<string, FakeOrganisation> } = {},
): Promise<FakeRechercheEntreprises> {
  const maxPerSecond = options.maxPerSecond ?? 7;
  const bySiren = new Map(organisations.map((organisation) => [organisation.siren, organisation]));
  const faults = createFaultInjector();
  const arrivals: number[] = [];
  const queries: string[] = [];
  const userAgents: string[] = [];
  let served429 = 0;

  const server = await startLocalServer((req, res) => {
    const now = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/search") return sendJson(res, 404, { erreur: `Route inconnue ${url.pathname}` });
    const q = url.searchParams.get("q") ?? "";
    queries.push(q);
    userAgents.push(String(req.headers["user-agent"] ?? ""));
    arrivals.push(now);
    while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - 1000) arrivals.shift();
    if (faults.answer(res)) return;
    if (arrivals.length > maxPerSecond) {
      served429++;
      faults.retryAfter(1);
      return sendJson(res, 429, { erreur: "Trop de requêtes" }, { "retry-after": "1" });
    }
    if (url.searchParams.get("minimal") !== "true") return sendJson(res, 400, { erreur: "Paramètre minimal=true attendu par ce faux serveur" });
    const found = bySiren.get(q);
    const decoy = options.decoys?.[q];
    const results = [decoy, found].filter((value): value is FakeOrganisation => value !== undefined);
    return sendJson(res, 200, { results, total_results: results.length, page: 1, per_page: 10, total_pages: results.length ? 1 : 0 });
  });

  return {
    ...server,
    queries,
    userAgents,
    script: faults.script,
    get served429() {
      return served429;
    },
    get earlyRetries() {
      return faults.earlyRetries;
    },
  };
}
