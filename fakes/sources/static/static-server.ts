import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { startLocalServer } from "../../http/local-server.ts";

/**
 * A web server for connector tests, on 127.0.0.1: it serves files with ETag and
 * Last-Modified, answers conditional requests with 304 like a real one, can demand a
 * bearer token, and plays scripted faults (an error status, a dropped connection, silence) before
 * serving normally. It records every request so a test can check what the client sent.
 */

export interface ServedFile {
  body: string | Buffer;
  contentType?: string;
  lastModified?: Date;
}

export type Fault =
  | { status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { reset: true }
  /** Never answer: the client must give up on its own time limit. */
  | { hang: true };

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** Status answered; 0 for a dropped connection. */
  status: number;
}

export interface StaticServer {
  url: string;
  requests: SeenRequest[];
  setFile(path: string, file: ServedFile): void;
  /** The next requests for `path` get these faults, one each, before it is served again. */
  injectFaults(path: string, faults: Fault[]): void;
  /** Answer 401 unless `Authorization: Bearer <token>`. */
  requireToken(token: string | undefined): void;
  close(): Promise<void>;
}

export async function startStaticServer(files: Record<string, ServedFile> = {}): Promise<StaticServer> {
  const served = new Map(Object.entries(files));
  const faults = new Map<string, Fault[]>();
  const requests: SeenRequest[] = [];
  let token: string | undefined;

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const seen: SeenRequest = { method: req.method ?? "GET", path, headers: req.headers, status: 0 };
    requests.push(seen);
    const fault = faults.get(path)?.shift();
    if (fault && "reset" in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && "hang" in fault) return;
    const reply = (status: number, headers: Record<string, string>, body: string | Buffer = "") => {
      seen.status = status;
      res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    };
    if (fault) {
      reply(fault.status, { "content-type": fault.contentType ?? "text/plain; charset=utf-8", ...fault.headers }, fault.body ?? "");
      return;
    }
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      reply(401, { "content-type": "application/json" }, JSON.stringify({ message: "Bad credentials" }));
      return;
    }
    const file = served.get(path);
    if (!file) {
      reply(404, { "content-type": "text/html; charset=utf-8" }, "<!DOCTYPE html><html><body>Page introuvable</body></html>");
      return;
    }
    const etag = `"${createHash("sha256").update(file.body).digest("hex").slice(0, 16)}"`;
    const lastModified = (file.lastModified ?? new Date("2026-01-15T08:00:00Z")).toUTCString();
    const validators = { etag, "last-modified": lastModified };
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    const unchanged = ifNoneMatch !== undefined ? ifNoneMatch === etag : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
    if (unchanged) {
      seen.status = 304;
      res.writeHead(304, validators);
      res.end();
      return;
    }
    reply(200, { "content-type": file.contentType ?? "application/octet-stream", ...validators }, file.body);
  }

  const server = await startLocalServer(answer);
  return {
    url: server.url,
    requests,
    setFile: (path, file) => void served.set(path, file),
    injectFaults: (path, list) => void faults.set(path, [...(faults.get(path) ?? []), ...list]),
    requireToken: (value) => {
      token = value;
    },
    close: () => server.close(),
  };
}
