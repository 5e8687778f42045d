import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonLinesLogger } from "../log/console-logger.ts";
import { httpRequest, type RetryPolicy } from "./client.ts";
import { HttpError } from "./errors.ts";
import { redactUrl } from "./redact.ts";

const CANARY = "jeton-canari-0123456789";
const FAST: RetryPolicy = { retries: 2, minDelayMs: 1, maxDelayMs: 5, statuses: [503] };

/** 503 on the first call to each path, then 200; /absent answers 404 with the query echoed back. */
let server: Server;
let base: string;
beforeAll(async () => {
  const seen = new Set<string>();
  server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/absent") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: `no such thing: ${req.url}` }));
    } else if (!seen.has(path)) {
      seen.add(path);
      res.writeHead(503, { "content-type": "application/json" }).end('{"message":"busy"}');
    } else {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("secrets in URLs never reach a log line or an error", () => {
  it("masks credential query parameters in the retry lines a connector logs", async () => {
    let logged = "";
    const logger = jsonLinesLogger({ write: (text: string) => (logged += text) });
    await httpRequest({
      url: `${base}/appels?programme=ftap&token=${CANARY}&api_key=${CANARY}`,
      retry: FAST,
      onRetry: ({ reason, call }) => logger.log({ level: "warn", event: "extract.retry", message: `retrying: ${reason}`, data: { url: call.url } }),
    });
    expect(logged).toContain("programme=ftap");
    expect(logged).toContain("token=***");
    expect(logged).not.toContain(CANARY);
  });

  it("masks them in the error of a failed call, even when the server repeats the URL", async () => {
    const error = await httpRequest({ url: `${base}/absent?access_token=${CANARY}`, retry: FAST, secrets: [CANARY] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const text = JSON.stringify({ ...(error as object), message: (error as Error).message });
    expect(text).toContain("access_token=***");
    expect(text).not.toContain(CANARY);
  });

  it("masks a user name and password given in the URL", () => {
    expect(redactUrl(`https://equipe:${CANARY}@api.example.test/v1?sig=${CANARY}&page=2`)).toBe("https://***:***@api.example.test/v1?sig=***&page=2");
  });
});
