import { stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { describeThrown, hashFile } from "../../../frictionless/index.ts";
import { redactUrl } from "../../../http/redact.ts";
import { bodyStateToSave, fetchCached, readBodyState } from "../../fetch-cached.ts";
import { assertNotHtml, formatFromContentType, formatFromName } from "../../format.ts";
import { extractResult } from "../../result.ts";
import { openTableRecords } from "../../table-records.ts";
import { ExtractError, type Connector, type ConnectorContext, type ExtractResult } from "../../types.ts";
import { URL_PATTERN } from "../../options-schema.ts";
import { fileOptionsSchema, type FileOptions } from "./options.ts";

/** A CSV, TSV, JSON, NDJSON or XLSX table from disk or from a URL; read through the core's `openTable`. */
export const fileConnector: Connector<FileOptions> = {
  kind: "file",
  optionsSchema: fileOptionsSchema,
  async extract(options, context) {
    if (options.path !== undefined && options.url === undefined) return extractLocal(options, options.path, context);
    if (options.url !== undefined && options.path === undefined) return extractRemote(options, options.url, context);
    throw new ExtractError({
      code: "invalid-options",
      source: options.path ?? (options.url === undefined ? "file source" : redactUrl(options.url)),
      message: "a file source needs exactly one of path and url",
      hint: "keep path for a file beside the declaration, url for a file on the web",
    });
  },
};

async function extractLocal(options: FileOptions, path: string, context: ConnectorContext): Promise<ExtractResult> {
  const absolute = resolve(context.baseDir, path);
  const source = relative(context.baseDir, absolute).split(sep).join("/");
  // Hashed in a first pass, then read as the records are pulled: a large file is never held whole.
  const { sha256, bytes } = await hashLocal(absolute, source, options.maxBytes);
  const fetchedAt = new Date().toISOString();
  const format = options.format ?? formatFromName(path) ?? "csv";
  const records = await openTableRecords({ path: absolute, format, encoding: options.encoding, dialect: options.dialect, place: source }, context.logger);
  return extractResult({
    changed: readBodyState(context.state)?.sha256 !== sha256,
    records,
    provenance: { source, title: options.title, connector: "file", fetchedAt, bytes, sha256 },
    nextState: () => ({ sha256 }),
  });
}

async function hashLocal(absolute: string, source: string, maxBytes: number | undefined): Promise<{ sha256: string; bytes: number }> {
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    if (maxBytes !== undefined && info.size > maxBytes) {
      throw new ExtractError({ code: "too-large", source, message: `${source} is ${info.size} bytes, over the limit of ${maxBytes}`, hint: "raise maxBytes in the source declaration if this size is expected" });
    }
    return await hashFile(absolute);
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    const thrown = describeThrown(error);
    const missing = thrown.systemCode === "ENOENT";
    throw new ExtractError({
      code: missing ? "not-found" : "io",
      source,
      message: `${source}: ${missing ? "no such file" : `cannot read the file (${thrown.message})`}`,
      hint: "paths are relative to the folder of datapackage.yaml; check the path in the source declaration",
      cause: error,
    });
  }
}

async function extractRemote(options: FileOptions, url: string, context: ConnectorContext): Promise<ExtractResult> {
  const source = redactUrl(url);
  if (!new RegExp(URL_PATTERN).test(url)) {
    throw new ExtractError({ code: "invalid-options", source, message: `${source}: only https:// URLs are allowed (http:// only for 127.0.0.1)`, hint: "use the https:// address of the file" });
  }
  const body = await fetchCached({
    url,
    previous: readBodyState(context.state),
    cacheDir: context.cacheDir,
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    logger: context.logger,
    signal: context.signal,
  });
  const format = options.format ?? formatFromName(url) ?? formatFromContentType(body.contentType) ?? "csv";
  assertNotHtml(body.bytes, body.contentType, format, source);
  const records = await openTableRecords({ bytes: body.bytes, format, encoding: options.encoding, dialect: options.dialect, place: source }, context.logger);
  return extractResult({
    changed: readBodyState(context.state)?.sha256 !== body.sha256,
    records,
    provenance: { source, title: options.title, connector: "file", fetchedAt: body.fetchedAt, etag: body.etag, lastModified: body.lastModified, bytes: body.bytes.length, sha256: body.sha256 },
    nextState: () => bodyStateToSave(body),
  });
}
