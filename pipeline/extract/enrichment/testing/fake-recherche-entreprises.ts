import { startLocalServer, sendJson, type LocalServer } from "../../shared/testing/local-server.ts";

/**
 * A fake Recherche d'entreprises API (domain.md §4.4): `GET /search?q=<siren>`, answering
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
  served429: number;
  /** Requests that came back before the Retry-After they were given had elapsed. */
  earlyRetries: number;
  /** Scripted answers for the next requests, before any other logic. */
  script: Array<{ status: number; retryAfterSeconds?: number; body?: string }>;
}

export async function startFakeRechercheEntreprises(
  organisations: FakeOrganisation[],
  options: { maxPerSecond?: number; decoys?: Record<string, FakeOrganisation> } = {},
): Promise<FakeRechercheEntreprises> {
  const maxPerSecond = options.maxPerSecond ?? 7;
  const bySiren = new Map(organisations.map((organisation) => [organisation.siren, organisation]));
  const arrivals: number[] = [];
  let retryNotBefore = 0;
  const state = { queries: [] as string[], userAgents: [] as string[], served429: 0, earlyRetries: 0, script: [] as FakeRechercheEntreprises["script"] };

  const server = await startLocalServer((req, res) => {
    const now = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname !== "/search") return sendJson(res, 404, { erreur: `Route inconnue ${url.pathname}` });
    const q = url.searchParams.get("q") ?? "";
    state.queries.push(q);
    state.userAgents.push(String(req.headers["user-agent"] ?? ""));
    if (now < retryNotBefore) state.earlyRetries++;
    arrivals.push(now);
    while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - 1000) arrivals.shift();

    const scripted = state.script.shift();
    if (scripted) {
      if (scripted.retryAfterSeconds !== undefined) retryNotBefore = now + scripted.retryAfterSeconds * 1000;
      const headers = scripted.retryAfterSeconds === undefined ? {} : { "retry-after": String(scripted.retryAfterSeconds) };
      res.writeHead(scripted.status, { "content-type": "application/json", ...headers });
      return void res.end(scripted.body ?? JSON.stringify({ erreur: "Erreur simulée" }));
    }
    if (arrivals.length > maxPerSecond) {
      state.served429++;
      retryNotBefore = now + 1000;
      return sendJson(res, 429, { erreur: "Trop de requêtes" }, { "retry-after": "1" });
    }
    if (!url.searchParams.has("minimal")) return sendJson(res, 400, { erreur: "Paramètre minimal attendu par ce faux serveur" });
    const found = bySiren.get(q);
    const decoy = options.decoys?.[q];
    const results = [decoy, found].filter((value): value is FakeOrganisation => value !== undefined);
    return sendJson(res, 200, { results, total_results: results.length, page: 1, per_page: 10, total_pages: results.length ? 1 : 0 });
  });

  return Object.assign(state, server);
}
