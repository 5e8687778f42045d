import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPlan, type FaultKind, type FaultPlanOptions } from "./faults.ts";
import { readBody, writeReply, type Reply } from "./reply.ts";

/**
 * The one local server of every fake: a real HTTP server on 127.0.0.1, on a free port unless one is
 * asked for, that records every request, plays the fault plan around the fake's own handler, and
 * closes at once (dropping kept-alive connections) when the test is done.
 */

/** A request as a fake's handler sees it: the body already read. */
export interface FakeRequest {
  method: string;
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (request: FakeRequest) => Reply | Promise<Reply>;

export interface SeenRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string, with its `?`, or "". */
  search: string;
  headers: IncomingHttpHeaders;
  /** Status sent, or that would have been sent for a reset after processing; 0 for a reset before, or no answer. */
  status: number;
  fault?: FaultKind;
  /** `performance.now()` at arrival. */
  at: number;
}

export interface LocalServerOptions extends FaultPlanOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Called once a request is answered (or reset), e.g. to print it. */
  onAnswered?: (request: SeenRequest) => void;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request, in arrival order, faulted ones included. */
  requests: SeenRequest[];
  faults: FaultPlan;
  close(): Promise<void>;
}

export async function startLocalServer(handler: Handler, options: LocalServerOptions = {}): Promise<LocalServer> {
  const faults = new FaultPlan(options);
  const requests: SeenRequest[] = [];
  let base = "http://127.0.0.1";

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", base);
    const seen: SeenRequest = { method, path: url.pathname, search: url.search, headers: req.headers, status: 0, at: performance.now() };
    requests.push(seen);
    faults.noteArrival(seen.at);
    const body = await readBody(req);
    const fault = faults.take(method, url.pathname);
    const latency = faults.latencyFor(url.pathname);
    if (latency > 0) await sleep(latency);
    const send = (reply: Reply) => {
      seen.status = reply.status;
      faults.noteReply(reply, performance.now());
      writeReply(res, reply, method);
      options.onAnswered?.(seen);
    };
    const reset = () => {
      req.socket.resetAndDestroy();
      options.onAnswered?.(seen);
    };
    if (fault) seen.fault = fault.kind ?? "status";

    if (fault && !fault.after) {
      if (fault.kind === "reset") return reset();
      if (fault.kind === "hang") return;
      if (fault.kind === "delay") await sleep(fault.delayMs ?? 1000);
      else return send(faults.replyFor(fault));
    }
    const reply = faults.checkRate(url.pathname, seen.at, requests) ?? (await handler({ method, url, path: url.pathname, headers: req.headers, body }));
    if (fault?.after) {
      if (fault.kind === "reset" || fault.kind === "hang") {
        seen.status = reply.status;
        if (fault.kind === "reset") reset();
        return;
      }
      if (fault.kind === "delay") await sleep(fault.delayMs ?? 1000);
      else return send(faults.replyFor(fault));
    }
    send(reply);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error("fake server: unexpected failure", error);
      if (!res.headersSent) writeReply(res, { status: 500, body: { message: `fake server failure: ${error instanceof Error ? error.message : String(error)}` } }, "GET");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive, and a "hang" fault holds one open: drop them, or close() waits.
        server.closeAllConnections();
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
