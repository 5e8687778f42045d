import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../http/reply.ts";
import { authenticate, requireUser } from "./auth.ts";
import { applyFieldMask, parseFieldMask } from "./field-mask.ts";
import { ApiError, NOT_FOUND_TEXT, abort } from "./api-errors.ts";
import { matchRoute } from "./router.ts";
import { ROUTES } from "./routes.ts";
import type { Store } from "./store.ts";

/** One request to the fake udata, from URL to answer: static files, routing, authentication, field masks. */
export function dispatch(store: Store, method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer): Reply {
  try {
    if (url.pathname.startsWith("/static/") && (method === "GET" || method === "HEAD")) return serveStatic(store, url.pathname);
    const match = matchRoute(ROUTES, method, url.pathname);
    if (match.kind === "none") return { status: 404, body: { error: NOT_FOUND_TEXT, status: 404 } };
    if (match.kind === "add-slash") {
      const location = new URL(url);
      location.pathname += "/";
      return { status: 308, headers: { location: location.href }, body: { message: `Redirecting to ${location.href}` } };
    }
    const user = authenticate(store, headers["x-api-key"]);
    if (match.kind === "method-not-allowed") throw abort(405, "The method is not allowed for the requested URL.");
    const { route, params } = match;
    if (route.secured) requireUser(user);
    if (route.blockedWhenReadOnly && store.readOnly) {
      throw abort(423, "Due to security reasons, the creation of new content is currently disabled.");
    }
    const response = route.handler({ method, url, params, headers, body, user, store });
    return withFieldMask(response, headers["x-fields"]);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

/** Masks apply to marshalled successes only, as in flask-restx; errors keep their shape. */
function withFieldMask(response: Reply, header: string | string[] | undefined): Reply {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text || response.status < 200 || response.status >= 300 || response.body === undefined) return response;
  return { ...response, body: applyFieldMask(response.body, parseFieldMask(text)) };
}

function serveStatic(store: Store, path: string): Reply {
  const file = store.files.get(decodeURIComponent(path));
  if (!file) return { status: 404, body: { error: NOT_FOUND_TEXT, status: 404 } };
  return { status: 200, raw: file.data, headers: { "content-type": file.mime } };
}
