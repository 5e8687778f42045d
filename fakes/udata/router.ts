import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../http/reply.ts";
import type { Store, User } from "./store.ts";

export interface RequestContext {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Authenticated caller, or null when no key was sent. */
  user: User | null;
  store: Store;
}

export type Handler = (context: RequestContext) => Reply;

export interface Route {
  method: string;
  /** Path with `:name` segments, trailing slash included as udata declares it. */
  pattern: string;
  handler: Handler;
  /** Needs an authenticated user (401 otherwise). */
  secured?: boolean;
  /** Refused with 423 while the site is read-only (udata's `METHOD_BLOCKLIST`). */
  blockedWhenReadOnly?: boolean;
}

export type RouteMatch =
  | { kind: "route"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "add-slash" }
  | { kind: "none" };

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = path.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index]!;
    const got = actual[index]!;
    if (want.startsWith(":")) {
      if (got === "") return null;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

/** First matching route wins, so fixed paths (`/datasets/licenses/`) must precede `/datasets/:dataset/`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const lookupMethod = method === "HEAD" ? "GET" : method;
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === lookupMethod) return { kind: "route", route, params };
    pathMatched = true;
  }
  if (pathMatched) return { kind: "method-not-allowed" };
  // Werkzeug's strict slashes: a route declared with `/` redirects the bare path to it.
  if (!path.endsWith("/") && routes.some((route) => matchPattern(route.pattern, `${path}/`))) return { kind: "add-slash" };
  return { kind: "none" };
}
