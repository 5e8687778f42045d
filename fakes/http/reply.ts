import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What a fake answers, as plain data: handlers return it, faults may replace it, and the local
 * server writes it. Keeping answers as values is what lets a fault "happen after processing".
 */
export interface Reply {
  status: number;
  /** Sent as JSON (`application/json` unless `headers` say otherwise), unless `raw` is given. */
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A HEAD answer has the headers of the GET, never its body; 204 and 304 have no body at all. */
export function writeReply(res: ServerResponse, reply: Reply, method: string): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined = reply.raw === undefined ? undefined : Buffer.from(reply.raw);
  if (payload === undefined && reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers["content-type"] ??= "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(method === "HEAD" ? undefined : payload);
}
