import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer, type LocalServer } from "../../fakes/http/local-server.ts";
import { json } from "../../fakes/http/reply.ts";
import { httpRequest, NO_RETRY } from "./client.ts";
import { HttpError } from "./errors.ts";
import { credentialHeaderValues, redactText, redactUrl } from "./redact.ts";

/** Synthetic secrets: base64-like, so that their percent-encoded form differs from them. */
const TOKEN = "jeton+canari/0123456789==";
const KEY = "cle-api-canari-9876543210";

/** Everything an error carries, as it would be logged or written to a report. */
function everything(error: unknown): string {
  return JSON.stringify({ ...(error as object), message: (error as Error).message });
}

/** A server that answers 401 and repeats the whole request back: URL, headers and body. */
let echo: LocalServer;
beforeAll(async () => {
  echo = await startLocalServer((req) => json(401, { message: `refused ${req.path}${req.url.search}`, headers: req.headers, body: req.body.toString("utf8") }));
});
afterAll(() => echo.close());

async function echoedError(init: { path?: string; headers?: Record<string, string>; body?: string; secrets?: string[] }): Promise<string> {
  const method = init.body === undefined ? "GET" : "POST";
  const error = await httpRequest({ method, url: `${echo.url}${init.path ?? "/"}`, headers: init.headers, body: init.body, secrets: init.secrets, retry: NO_RETRY }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return everything(error);
}

describe("secrets in request headers", () => {
  it("scrubs a bearer token echoed by the server, even when the caller did not list it", async () => {
    const text = await echoedError({ headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(text).toContain("authorization");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
  });

  it("scrubs a data.gouv.fr X-API-KEY echoed by the server", async () => {
    const text = await echoedError({ headers: { "X-API-KEY": KEY } });
    expect(text).toContain("x-api-key");
    expect(text).not.toContain(KEY);
  });

  it("takes credential headers by their name, and only those", () => {
    expect(credentialHeaderValues({ authorization: `Bearer ${TOKEN}`, "X-API-KEY": KEY, "Private-Token": "gl-jeton-1234", accept: "application/json" }))
      .toEqual([`Bearer ${TOKEN}`, TOKEN, KEY, "gl-jeton-1234"]);
    expect(credentialHeaderValues(undefined)).toEqual([]);
  });
});

describe("secrets in URLs", () => {
  it.each([
    ["token"], ["access_token"], ["accessToken"], ["refresh_token"], ["api_key"], ["apikey"], ["apiKey"], ["x-api-key"], ["key"],
    ["client_secret"], ["password"], ["passwd"], ["auth"], ["sig"], ["signature"], ["X-Amz-Signature"], ["X-Amz-Credential"], ["jwt"],
  ])("masks the %s query parameter and keeps the others", (name) => {
    expect(redactUrl(`https://api.example.test/v1/appels?programme=ftap&${name}=${encodeURIComponent(TOKEN)}&page=2`))
      .toBe(`https://api.example.test/v1/appels?programme=ftap&${name}=***&page=2`);
  });

  it("masks a user name and a password written in the URL", () => {
    expect(redactUrl(`https://equipe:${KEY}@api.example.test/v1`)).toBe("https://***:***@api.example.test/v1");
    expect(redactUrl(`https://${KEY}@api.example.test/v1`)).toBe("https://***@api.example.test/v1");
  });

  it("leaves a URL with no secret as it was", () => {
    expect(redactUrl("https://www.data.gouv.fr/api/1/datasets/?q=aap&page=2")).toBe("https://www.data.gouv.fr/api/1/datasets/?q=aap&page=2");
  });

  it("names the call without the token in the error, and scrubs the token the server echoes percent-encoded", async () => {
    const error = await httpRequest({ url: `${echo.url}/appels?token=${encodeURIComponent(TOKEN)}`, secrets: [TOKEN], retry: NO_RETRY }).catch((e: unknown) => e);
    expect((error as HttpError).call.url).toBe(`${echo.url}/appels?token=***`);
    expect(everything(error)).not.toContain(TOKEN);
    expect(everything(error)).not.toContain(encodeURIComponent(TOKEN));
  });
});

describe("secrets echoed in bodies", () => {
  it("scrubs a listed secret that the server repeats from the request body", async () => {
    const text = await echoedError({ body: JSON.stringify({ username: "equipe", password: KEY }), secrets: [KEY] });
    expect(text).toContain("equipe");
    expect(text).not.toContain(KEY);
  });

  it("replaces the secret as written, percent-encoded and JSON-escaped", () => {
    const quoted = 'guillemet"canari\\1234';
    expect(redactText(`a ${TOKEN} b ${encodeURIComponent(TOKEN)} c`, [TOKEN])).toBe("a *** b *** c");
    expect(redactText(JSON.stringify({ echoed: quoted }), [quoted])).toBe('{"echoed":"***"}');
  });

  it("leaves texts alone for secrets too short to be real (an empty variable would mask every letter)", () => {
    expect(redactText("abc abc", ["abc", "", undefined])).toBe("abc abc");
  });
});
