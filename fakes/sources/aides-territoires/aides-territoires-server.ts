import { startLocalServer, type LocalServer } from "../../http/local-server.ts";
import { json } from "../../http/reply.ts";

/**
 * A fake Aides-territoires API (docs/sources-apis.md §4): `POST /api/connexion/` exchanges the
 * permanent key (X-AUTH-TOKEN) for a JWT; `GET /api/aids/` wants `Bearer <jwt>` and serves
 * pages `{ count, next, previous, results }` with absolute `next` links, filtered by
 * `backers`, `programs` and exact-match parameters. JWTs expire after `jwtUses` calls, so
 * a test can make one expire in the middle of a listing.
 */
export interface FakeAid {
  aid: Record<string, unknown>;
  backers: string[];
  programs: string[];
}

export interface FakeAidesTerritoires extends LocalServer {
  aids: FakeAid[];
  /** Token exchanges served. */
  readonly exchanges: number;
  /** Make `next` of the last page point back to the first. */
  loopNext: boolean;
  /** Write `next` links with this origin instead of the server's own. */
  nextOrigin: string | undefined;
}

export async function startFakeAidesTerritoires(init: { apiKey: string; aids: FakeAid[]; pageSize?: number; jwtUses?: number }): Promise<FakeAidesTerritoires> {
  const jwts = new Map<string, number>();
  let exchanges = 0;
  // Read by the handler, so that tests can change the aids and the links between calls.
  const state = { aids: init.aids, loopNext: false, nextOrigin: undefined as string | undefined };

  const server = await startLocalServer(({ method, url, headers }) => {
    if (url.pathname === "/api/connexion/" && method === "POST") {
      if (headers["x-auth-token"] !== init.apiKey) return json(401, { code: 401, message: "Invalid credentials." });
      exchanges++;
      const token = `jwt-fictif-${exchanges}`;
      jwts.set(token, init.jwtUses ?? Number.POSITIVE_INFINITY);
      return json(200, { token });
    }
    if (url.pathname !== "/api/aids/") return json(404, { code: 404, message: "Not Found" });
    const token = /^Bearer (.+)$/.exec(String(headers.authorization ?? ""))?.[1];
    const uses = token === undefined ? undefined : jwts.get(token);
    if (uses === undefined || uses <= 0) return json(401, { code: 401, message: "Expired JWT Token" });
    jwts.set(token as string, uses - 1);

    const params = url.searchParams;
    const backers = params.getAll("backers");
    const programs = params.getAll("programs");
    const exact = [...params.entries()].filter(([name]) => !["backers", "programs", "page"].includes(name));
    const matching = state.aids
      .filter((item) => backers.length === 0 || backers.some((backer) => item.backers.includes(backer)))
      .filter((item) => programs.length === 0 || programs.some((program) => item.programs.includes(program)))
      .filter((item) => exact.every(([name, value]) => String(item.aid[name]) === value))
      .map((item) => item.aid);
    const pageSize = init.pageSize ?? 30;
    const page = Number(params.get("page") ?? "1");
    const link = (target: number) => {
      const next = new URL(url.toString());
      if (state.nextOrigin) {
        const origin = new URL(state.nextOrigin);
        next.protocol = origin.protocol;
        next.hostname = origin.hostname;
        next.port = origin.port;
      }
      next.searchParams.set("page", String(target));
      return next.toString();
    };
    const last = Math.max(1, Math.ceil(matching.length / pageSize));
    const next = page < last ? link(page + 1) : state.loopNext ? link(1) : null;
    return json(200, {
      count: matching.length,
      next,
      previous: page > 1 ? link(page - 1) : null,
      results: matching.slice((page - 1) * pageSize, page * pageSize),
    });
  }, { errorReply: (status) => json(status, { code: status, message: `Simulated failure ${status}` }) });

  return {
    ...server,
    get aids() {
      return state.aids;
    },
    set aids(value) {
      state.aids = value;
    },
    get loopNext() {
      return state.loopNext;
    },
    set loopNext(value) {
      state.loopNext = value;
    },
    get nextOrigin() {
      return state.nextOrigin;
    },
    set nextOrigin(value) {
      state.nextOrigin = value;
    },
    get exchanges() {
      return exchanges;
    },
  };
}
