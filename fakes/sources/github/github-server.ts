import { createHash } from "node:crypto";
import type { FaultPlan } from "../../http/faults.ts";
import { startLocalServer, type FakeRequest, type SeenRequest } from "../../http/local-server.ts";
import type { Reply } from "../../http/reply.ts";

/**
 * A fake GitHub REST API on 127.0.0.1 for the github connector: the contents API (files
 * inline up to a size limit, `encoding: "none"` beyond it, folder listings), the blob API,
 * refs, ETag/304, tokens ("Bad credentials" for a wrong one; a private repository answers
 * 404 without one, as GitHub does) and the hourly rate limit answered with 403
 * (docs/sources-apis.md §6).
 */

export interface FakeRepository {
  private?: boolean;
  defaultBranch?: string;
  /** ref → path → content */
  refs: Record<string, Record<string, string | Buffer>>;
}

/** A request as the fake saw it, with its path decoded and the `ref` it asked for. */
export type SeenGithubRequest = SeenRequest & { ref: string | null };

export interface FakeGitHub {
  /** The API root to give as `baseUrl`. */
  url: string;
  readonly requests: SeenGithubRequest[];
  setFile(repository: string, ref: string, path: string, content: string | Buffer): void;
  /** Requests left before the rate limit answers 403. */
  rateLimit: { remaining: number };
  faults: FaultPlan;
  close(): Promise<void>;
}

export async function startFakeGitHub(init: { repositories: Record<string, FakeRepository>; tokens?: string[]; inlineLimit?: number }): Promise<FakeGitHub> {
  const repositories = init.repositories;
  const tokens = new Set(init.tokens ?? []);
  const inlineLimit = init.inlineLimit ?? 1024 * 1024;
  const rateLimit = { remaining: 5000 };

  function handle(request: FakeRequest): Reply {
    const path = decodeURIComponent(request.path);
    const ref = request.url.searchParams.get("ref");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers: { "x-ratelimit-remaining": String(rateLimit.remaining), ...headers } });
    const authorization = request.headers.authorization;
    const token = authorization?.replace(/^(token|bearer)\s+/i, "");
    if (token !== undefined && !tokens.has(token)) return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    if (rateLimit.remaining <= 0) {
      return send(403, { message: "API rate limit exceeded for 127.0.0.1.", documentation_url: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1767225600" });
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/(contents|git\/blobs)(?:\/(.*))?$/.exec(path);
    const repository = match ? repositories[`${match[1]}/${match[2]}`] : undefined;
    if (!match || !repository || (repository.private && token === undefined)) return send(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    const body = match[3] === "contents" ? contents(repository, match[4] ?? "", ref) : blob(repository, match[4] ?? "");
    if (body.status !== 200) return send(body.status, body.data);
    const etag = `"${createHash("sha1").update(JSON.stringify(body.data)).digest("hex")}"`;
    if (request.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
    rateLimit.remaining--;
    return send(200, body.data, { etag });
  }

  function contents(repository: FakeRepository, path: string, ref: string | null): { status: number; data: unknown } {
    const wanted = ref ?? repository.defaultBranch ?? "main";
    const files = repository.refs[wanted];
    if (!files) return { status: 404, data: { message: `No commit found for the ref ${wanted}`, documentation_url: "https://docs.github.com/rest" } };
    const content = files[path];
    if (content !== undefined) {
      const size = Buffer.byteLength(content);
      const inline = size <= inlineLimit;
      return { status: 200, data: { type: "file", name: path.split("/").pop(), path, sha: gitBlobSha(content), size, encoding: inline ? "base64" : "none", content: inline ? githubBase64(content) : "" } };
    }
    const prefix = path === "" ? "" : `${path}/`;
    const children = new Map<string, unknown>();
    for (const [name, value] of Object.entries(files)) {
      if (!name.startsWith(prefix)) continue;
      const [first, ...rest] = name.slice(prefix.length).split("/");
      const childPath = `${prefix}${first}`;
      children.set(childPath, rest.length > 0 ? { type: "dir", name: first, path: childPath, sha: gitBlobSha(childPath), size: 0 } : { type: "file", name: first, path: childPath, sha: gitBlobSha(value), size: Buffer.byteLength(value) });
    }
    if (children.size === 0) return { status: 404, data: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
    return { status: 200, data: [...children.values()] };
  }

  function blob(repository: FakeRepository, sha: string): { status: number; data: unknown } {
    for (const files of Object.values(repository.refs)) {
      for (const content of Object.values(files)) {
        if (gitBlobSha(content) === sha) return { status: 200, data: { sha, size: Buffer.byteLength(content), encoding: "base64", content: githubBase64(content) } };
      }
    }
    return { status: 404, data: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
  }

  const server = await startLocalServer(handle, { errorReply: (status) => ({ status, body: { message: `Simulated failure ${status}`, documentation_url: "https://docs.github.com/rest" } }) });
  return {
    url: server.url,
    get requests() {
      return server.requests.map((seen) => ({ ...seen, path: decodeURIComponent(seen.path), ref: new URLSearchParams(seen.search).get("ref") }));
    },
    rateLimit,
    faults: server.faults,
    setFile: (repository, ref, path, content) => {
      const repo = repositories[repository];
      if (!repo) throw new Error(`unknown fake repository ${repository}`);
      repo.refs[ref] = { ...repo.refs[ref], [path]: content };
    },
    close: () => server.close(),
  };
}

/** Git's blob id: sha1 of "blob <size>\0<content>". */
export function gitBlobSha(content: string | Buffer): string {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** GitHub wraps base64 content at 60 characters. */
function githubBase64(content: string | Buffer): string {
  return (Buffer.from(content).toString("base64").match(/.{1,60}/g) ?? []).join("\n");
}
