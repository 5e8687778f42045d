import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../../fakes/http/local-server.ts";
import { jsonLinesLogger } from "../log/console-logger.ts";
import { httpRequest, type RetryPolicy } from "./client.ts";
import { HttpError } from "./errors.ts";
import { redactUrl } from "./redact.ts";

const CANARY = "jeton-canari-0123456789";
const FAST: RetryPolicy = { retries: 2, minDelayMs: 1, maxDelayMs: 5, statuses: [503] };

/** 503 on the first call to each path, then 200; /absent answers 404 with the query echoed back. */
let server: LocalServer;
let base: string;
beforeAll(async () => {
  const seen = new Set<string>();
  server = await startLocalServer(({ path, url }) => {
    if (path === "/absent") return { status: 404, body: { message: `no such thing: ${url.pathname}${url.search}` } };
    if (!seen.has(path)) {
      seen.add(path);
      return { status: 503, body: { message: "busy" } };
    }
    return { status: 200, raw: "ok", headers: { "content-type": "text/plain" } };
  });
  base = server.url;
});
afterAll(() => server.close());

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
