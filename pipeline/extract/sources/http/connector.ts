import { redactUrl } from "../../../http/redact.ts";
import { URL_PATTERN } from "../../options-schema.ts";
import { bodyStateToSave, fetchCached, readBodyState } from "../../fetch-cached.ts";
import { assertNotHtml, formatFromContentType, formatFromName } from "../../format.ts";
import { extractResult } from "../../result.ts";
import { readSecret } from "../../secrets.ts";
import { openTableRecords } from "../../table-records.ts";
import { ExtractError, type Connector, type SourceRecord } from "../../types.ts";
import { jsonRecords } from "./json-records.ts";
import { httpOptionsSchema, type HttpOptions } from "./options.ts";

/**
 * One resource over HTTP: conditional requests so that an unchanged source is not
 * downloaded again (its body is replayed from the cache), retries with backoff on network
 * errors, 429 and 5xx, a time and a size limit, and an optional token from the environment.
 */
export const httpConnector: Connector<HttpOptions> = {
  kind: "http",
  optionsSchema: httpOptionsSchema,
  async extract(options, context) {
    const source = redactUrl(options.url);
    checkOptions(options, source);
    const headers = { ...options.headers };
    const token = options.tokenEnv === undefined ? undefined : readSecret(context.env, options.tokenEnv, source);
    if (token !== undefined) {
      const header = options.tokenHeader?.toLowerCase() ?? "authorization";
      const scheme = options.authScheme ?? (header === "authorization" ? "Bearer" : "");
      headers[header] = scheme ? `${scheme} ${token}` : token;
    }
    const previous = readBodyState(context.state);
    const body = await fetchCached({
      url: options.url,
      headers,
      secrets: token === undefined ? [] : [token],
      tokenEnv: options.tokenEnv,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      retries: options.retries,
      previous,
      cacheDir: context.cacheDir,
      logger: context.logger,
      signal: context.signal,
    });
    const format = options.format ?? formatFromContentType(body.contentType) ?? formatFromName(options.url) ?? "json";
    assertNotHtml(body.bytes, body.contentType, format, source);
    const records: AsyncIterable<SourceRecord> =
      format === "json"
        ? iterate(jsonRecords(body.bytes, options.recordsPath, source))
        : await openTableRecords({ bytes: body.bytes, format, encoding: options.encoding, dialect: options.dialect, place: source }, context.logger);
    return extractResult({
      changed: previous?.sha256 !== body.sha256,
      records,
      provenance: { source, title: options.title, connector: "http", fetchedAt: body.fetchedAt, etag: body.etag, lastModified: body.lastModified, bytes: body.bytes.length, sha256: body.sha256 },
      nextState: () => bodyStateToSave(body),
    });
  },
};

function checkOptions(options: HttpOptions, source: string): void {
  const invalid = (message: string, hint: string) => new ExtractError({ code: "invalid-options", source, message: `${source}: ${message}`, hint });
  if (!new RegExp(URL_PATTERN).test(options.url)) throw invalid("only https:// URLs are allowed (http:// only for 127.0.0.1)", "use the https:// address of the resource");
  if (Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === "authorization")) {
    throw invalid("a token must not be written in the declaration's headers", "put the token in an environment variable and name it with tokenEnv");
  }
}

async function* iterate(records: readonly SourceRecord[]): AsyncGenerator<SourceRecord> {
  yield* records;
}
