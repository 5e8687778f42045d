import { createHash } from "node:crypto";
import { startLocalServer, type FakeRequest, type LocalServer } from "../../http/local-server.ts";
import type { Reply } from "../../http/reply.ts";

/**
 * A plain web server for the file and http connectors (docs/sources-apis.md §7), on 127.0.0.1: it
 * serves files with ETag and Last-Modified, answers conditional requests with 304 as HTTP caching
 * says (If-None-Match first, else If-Modified-Since), can demand a bearer token, and records every
 * request so a test can check what the client sent. Faults: `server.faults` (fakes/http/faults.ts).
 */

export interface ServedFile {
  body: string | Buffer;
  contentType?: string;
  lastModified?: Date;
}

export interface StaticServer extends LocalServer {
  setFile(path: string, file: ServedFile): void;
  /** Answer 401 unless `Authorization: Bearer <token>`. */
  requireToken(token: string | undefined): void;
}

const TEXT = { "content-type": "text/plain; charset=utf-8" };

export async function startStaticServer(files: Record<string, ServedFile> = {}): Promise<StaticServer> {
  const served = new Map(Object.entries(files));
  let token: string | undefined;

  function answer(request: FakeRequest): Reply {
    if (token !== undefined && request.headers.authorization !== `Bearer ${token}`) {
      return { status: 401, body: { message: "Bad credentials" } };
    }
    const file = served.get(request.path);
    if (!file) return { status: 404, raw: "<!DOCTYPE html><html><body>Page introuvable</body></html>", headers: { "content-type": "text/html; charset=utf-8" } };
    const etag = `"${createHash("sha256").update(file.body).digest("hex").slice(0, 16)}"`;
    const lastModified = (file.lastModified ?? new Date("2026-01-15T08:00:00Z")).toUTCString();
    const validators = { etag, "last-modified": lastModified };
    const ifNoneMatch = request.headers["if-none-match"];
    const ifModifiedSince = request.headers["if-modified-since"];
    const unchanged = ifNoneMatch !== undefined ? ifNoneMatch === etag : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
    if (unchanged) return { status: 304, headers: validators };
    return { status: 200, raw: file.body, headers: { "content-type": file.contentType ?? "application/octet-stream", ...validators } };
  }

  // A web server's error pages are whatever text it has: none here, unless a fault gives one.
  const server = await startLocalServer(answer, { errorReply: (status) => ({ status, raw: "", headers: TEXT }) });
  return {
    ...server,
    setFile: (path, file) => void served.set(path, file),
    requireToken: (value) => {
      token = value;
    },
  };
}
