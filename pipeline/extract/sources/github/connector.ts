import { Octokit } from "@octokit/rest";
import type { TableFormat } from "../../../frictionless/index.ts";
import { sha256Hex } from "../../canonical.ts";
import { formatFromName } from "../../format.ts";
import { readCachedBody, writeCachedBody } from "../../raw-cache.ts";
import { extractResult } from "../../result.ts";
import { readSecret } from "../../secrets.ts";
import { openTableRecords } from "../../table-records.ts";
import { ExtractError, type Connector, type ConnectorContext, type SourceRecord } from "../../types.ts";
import { clientFetch } from "./client-fetch.ts";
import { githubError } from "./errors.ts";
import { githubOptionsSchema, type GithubOptions } from "./options.ts";
import { filesChanged, readGithubState, type GithubFileState, type GithubState } from "./cursor.ts";

/** One table file of the source, with its bytes. */
interface FetchedFile {
  path: string;
  blobSha: string;
  bytes: Buffer;
  sha256: string;
}

/** An entry of the contents API: a file, or one item of a folder listing. */
interface ContentEntry {
  type: string;
  name: string;
  path: string;
  sha: string;
  size: number;
  content?: string;
  encoding?: string;
}

/**
 * A table file, or every table file of a folder, of a GitHub repository at a ref, through
 * Octokit. The listing is asked for with its ETag (a 304 costs no rate limit), and a file
 * whose blob sha is the one the saved state holds is taken from the cache, not fetched.
 */
export const githubConnector: Connector<GithubOptions> = {
  kind: "github",
  optionsSchema: githubOptionsSchema,
  async extract(options, context) {
    const source = sourceLabel(options);
    const token = options.tokenEnv === undefined ? undefined : readSecret(context.env, options.tokenEnv, source);
    const secrets = token === undefined ? [] : [token];
    const octokit = new Octokit({
      auth: token,
      baseUrl: options.baseUrl?.replace(/\/+$/, ""),
      // base64 inflates a file by a third in the JSON answer.
      request: { fetch: clientFetch({ timeoutMs: options.timeoutMs, maxBytes: options.maxBytes && Math.ceil(options.maxBytes * 1.4) + 65_536, retries: options.retries, secrets, logger: context.logger, signal: context.signal }) },
      log: { debug: () => {}, info: () => {}, warn: (message: string) => context.logger.warn(message, { source }), error: (message: string) => context.logger.warn(message, { source }) },
    });
    const previous = readGithubState(context.state, options);
    const fetchedAt = new Date().toISOString();
    let fetched: { files: FetchedFile[]; etag: string | undefined };
    try {
      fetched = await fetchFiles(octokit, options, previous, context, source);
    } catch (error) {
      throw githubError(error, source, { tokenEnv: options.tokenEnv, secrets });
    }
    const { files, etag } = fetched;
    const folder = files.length !== 1 || files[0]?.path !== normalisePath(options.path);
    const parts: AsyncIterable<SourceRecord>[] = [];
    for (const file of files) {
      const format = options.format ?? formatFromName(file.path) ?? "csv";
      const place = folder ? `${source}/${file.path.slice(normalisePath(options.path).length + 1)}` : source;
      parts.push(await openTableRecords({ bytes: file.bytes, format, encoding: options.encoding, dialect: options.dialect, place, file: folder ? file.path : undefined }, context.logger));
    }
    const state: GithubState = {
      path: normalisePath(options.path),
      ...(options.ref === undefined ? {} : { ref: options.ref }),
      ...(etag === undefined ? {} : { etag }),
      files: Object.fromEntries(files.map((file): [string, GithubFileState] => [file.path, { blobSha: file.blobSha, sha256: file.sha256 }])),
    };
    const all = Buffer.concat(files.map((file) => file.bytes));
    return extractResult({
      changed: previous === undefined || filesChanged(previous.files, state.files),
      records: concat(parts),
      provenance: { source, title: options.title, connector: "github", fetchedAt, etag, bytes: all.length, sha256: sha256Hex(all) },
      nextState: () => ({ ...state }),
    });
  },
};

async function fetchFiles(octokit: Octokit, options: GithubOptions, previous: GithubState | undefined, context: ConnectorContext, source: string): Promise<{ files: FetchedFile[]; etag: string | undefined }> {
  const path = normalisePath(options.path);
  const cached = previous?.etag === undefined ? undefined : await readAllCached(previous, options, context.cacheDir);
  let response;
  try {
    response = await octokit.rest.repos.getContent({
      owner: options.owner,
      repo: options.repo,
      path,
      ...(options.ref === undefined ? {} : { ref: options.ref }),
      headers: cached && previous?.etag ? { "if-none-match": previous.etag } : {},
    });
  } catch (error) {
    if ((error as { status?: number }).status === 304 && cached && previous) {
      context.logger.info("not modified since the last successful run: replaying the cached copy", { source });
      return { files: cached, etag: previous.etag };
    }
    throw error;
  }
  const data = response.data as ContentEntry | ContentEntry[];
  const entries = Array.isArray(data) ? tableEntries(data, options.format, source) : [checkedFile(data, source)];
  const files: FetchedFile[] = [];
  for (const entry of entries) files.push(await fetchFile(octokit, entry, options, previous, context.cacheDir, source));
  return { files, etag: response.headers.etag };
}

function tableEntries(listing: ContentEntry[], format: TableFormat | undefined, source: string): ContentEntry[] {
  const tables = listing
    .filter((entry) => entry.type === "file" && formatFromName(entry.name) !== undefined && (format === undefined || formatFromName(entry.name) === format))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (tables.length === 0) {
    throw new ExtractError({ code: "malformed", source, message: `${source}: the folder holds no table file${format ? ` of format ${format}` : ""}`, hint: "table files end in .csv, .tsv, .json, .ndjson, .jsonl or .xlsx; check path and ref" });
  }
  return tables;
}

function checkedFile(entry: ContentEntry, source: string): ContentEntry {
  if (entry.type !== "file") {
    throw new ExtractError({ code: "malformed", source, message: `${source} is a ${entry.type}, not a file or a folder`, hint: "point path at a table file or a folder of table files" });
  }
  return entry;
}

async function fetchFile(octokit: Octokit, entry: ContentEntry, options: GithubOptions, previous: GithubState | undefined, cacheDir: string, source: string): Promise<FetchedFile> {
  if (options.maxBytes !== undefined && entry.size > options.maxBytes) {
    throw new ExtractError({ code: "too-large", source, message: `${source}: ${entry.path} is ${entry.size} bytes, over the limit of ${options.maxBytes}`, hint: "raise maxBytes in the source declaration if this size is expected" });
  }
  const known = previous?.files[entry.path];
  const key = cacheKey(options, entry.path);
  if (known?.blobSha === entry.sha) {
    const bytes = await readCachedBody(cacheDir, key, known.sha256);
    if (bytes) return { path: entry.path, blobSha: entry.sha, bytes, sha256: known.sha256 };
  }
  // The contents API inlines files up to 1 MB; larger ones (encoding "none") come from the blob API.
  const base64 =
    entry.encoding === "base64" && entry.content
      ? entry.content
      : (await octokit.rest.git.getBlob({ owner: options.owner, repo: options.repo, file_sha: entry.sha })).data.content;
  const bytes = Buffer.from(base64, "base64");
  const sha256 = await writeCachedBody(cacheDir, key, bytes, [known?.sha256]);
  return { path: entry.path, blobSha: entry.sha, bytes, sha256 };
}

/** Every file of the saved state from the cache, or undefined when one is missing (then the listing is fetched in full). */
async function readAllCached(previous: GithubState, options: GithubOptions, cacheDir: string): Promise<FetchedFile[] | undefined> {
  const files: FetchedFile[] = [];
  for (const [path, file] of Object.entries(previous.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const bytes = await readCachedBody(cacheDir, cacheKey(options, path), file.sha256);
    if (!bytes) return undefined;
    files.push({ path, blobSha: file.blobSha, bytes, sha256: file.sha256 });
  }
  return files;
}

function cacheKey(options: GithubOptions, path: string): string {
  return `github:${options.baseUrl ?? ""}/${options.owner}/${options.repo}/${path}`;
}

function normalisePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}

/** Where the data came from, as a person would open it. */
export function sourceLabel(options: GithubOptions): string {
  const path = normalisePath(options.path);
  if (options.baseUrl === undefined) {
    const kind = formatFromName(path) === undefined ? "tree" : "blob";
    return `https://github.com/${options.owner}/${options.repo}/${kind}/${options.ref ?? "HEAD"}/${path}`;
  }
  const ref = options.ref === undefined ? "" : `?ref=${encodeURIComponent(options.ref)}`;
  return `${options.baseUrl.replace(/\/+$/, "")}/repos/${options.owner}/${options.repo}/contents/${path}${ref}`;
}

async function* concat(parts: AsyncIterable<SourceRecord>[]): AsyncGenerator<SourceRecord> {
  for (const part of parts) yield* part;
}
