import type { FaultPlan } from "../http/faults.ts";
import { startLocalServer, type FakeRequest, type SeenRequest } from "../http/local-server.ts";
import { json, type Reply } from "../http/reply.ts";
import type { CommentObject, ErrorObject, IssueObject, LabelObject, UserObject } from "./api-objects.ts";

/**
 * A fake of the GitHub REST endpoints `aap notify` calls (docs/github-issues-api.md): list a
 * repository's issues by state and label (pull requests included, as GitHub does), open one,
 * comment on one, update (close) one, and list an issue's comments; a token is required for
 * writes and checked when given. One repository, one page of results: the rest is left out.
 */

export interface FakeGitHubIssues {
  /** The API root to give as octokit's `baseUrl` (GITHUB_API_URL). */
  url: string;
  token: string;
  /** "owner/name" */
  repository: string;
  readonly requests: SeenRequest[];
  faults: FaultPlan;
  /** Every issue and pull request, in creation order, with its comments. */
  issues(): (IssueObject & { commentBodies: string[] })[];
  /** An issue or pull request opened by a person, e.g. to check that it is left alone. */
  addIssue(init: { title: string; labels?: string[]; pullRequest?: boolean }): IssueObject;
  close(): Promise<void>;
}

const DOCS = "https://docs.github.com/rest/issues";
const BOT: UserObject = { login: "github-actions[bot]", id: 41898282, type: "Bot" };
const PERSON: UserObject = { login: "personne-fictive", id: 1001, type: "User" };

export async function startFakeGitHubIssues(init: { repository?: string; token?: string } = {}): Promise<FakeGitHubIssues> {
  const repository = init.repository ?? "equipe-fictive/depot-fictif";
  const token = init.token ?? "ghs_jeton-fictif-de-test";
  const issues: IssueObject[] = [];
  const comments = new Map<number, CommentObject[]>();
  const labels = new Map<string, LabelObject>();
  let nextId = 5000;
  let base = "";

  const label = (name: string): LabelObject => {
    // GitHub creates a label that does not exist yet when it is applied.
    let found = labels.get(name);
    if (!found) labels.set(name, (found = { id: nextId++, name, color: "ededed", default: false, description: null }));
    return found;
  };
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const newIssue = (title: string, body: string | null, names: string[], user: UserObject, pullRequest = false): IssueObject => {
    const number = issues.length + 1;
    const apiUrl = `${base}/repos/${repository}/issues/${number}`;
    const issue: IssueObject = {
      id: nextId++, node_id: `I_fictif${number}`, url: apiUrl, html_url: `https://github.com/${repository}/${pullRequest ? "pull" : "issues"}/${number}`,
      comments_url: `${apiUrl}/comments`, number, title, body, state: "open", state_reason: null, labels: names.map(label), user, locked: false,
      comments: 0, created_at: now(), updated_at: now(), closed_at: null, author_association: user.type === "Bot" ? "NONE" : "OWNER",
      ...(pullRequest ? { pull_request: { url: `${base}/repos/${repository}/pulls/${number}`, html_url: `https://github.com/${repository}/pull/${number}` } } : {}),
    };
    issues.push(issue);
    comments.set(number, []);
    return issue;
  };

  function handle(request: FakeRequest): Reply {
    const authorization = request.headers.authorization;
    const given = authorization?.replace(/^(token|bearer)\s+/i, "");
    if (given !== undefined && given !== token) return error(401, "Bad credentials");
    const match = /^\/repos\/([^/]+\/[^/]+)\/issues(?:\/(\d+)(\/comments)?)?$/.exec(request.path);
    if (!match || match[1] !== repository) return error(404, "Not Found");
    if (request.method !== "GET" && given === undefined) return error(401, "Requires authentication");
    const number = match[2] === undefined ? undefined : Number(match[2]);
    const issue = number === undefined ? undefined : issues[number - 1];
    if (number !== undefined && !issue) return error(404, "Not Found");
    const body = request.body.length > 0 ? (JSON.parse(request.body.toString("utf8")) as Record<string, unknown>) : {};

    if (number === undefined && request.method === "GET") return json(200, listIssues(request.url.searchParams));
    if (number === undefined && request.method === "POST") {
      if (typeof body.title !== "string" || body.title === "") return invalid("Issue", "title", "missing_field");
      const names = Array.isArray(body.labels) ? body.labels.map((l) => (typeof l === "string" ? l : String((l as { name?: unknown }).name))) : [];
      return json(201, newIssue(body.title, typeof body.body === "string" ? body.body : null, names, BOT));
    }
    if (issue && match[3] && request.method === "POST") {
      if (typeof body.body !== "string" || body.body === "") return invalid("IssueComment", "body", "missing_field");
      const id = nextId++;
      const comment: CommentObject = {
        id, node_id: `IC_fictif${id}`, url: `${base}/repos/${repository}/issues/comments/${id}`, html_url: `${issue.html_url}#issuecomment-${id}`,
        issue_url: issue.url, body: body.body, user: BOT, created_at: now(), updated_at: now(), author_association: "NONE",
      };
      comments.get(issue.number)!.push(comment);
      issue.comments++;
      issue.updated_at = now();
      return json(201, comment);
    }
    if (issue && match[3] && request.method === "GET") return json(200, comments.get(issue.number));
    if (issue && !match[3] && request.method === "PATCH") return json(200, update(issue, body));
    if (issue && !match[3] && request.method === "GET") return json(200, issue);
    return error(404, "Not Found");
  }

  function listIssues(params: URLSearchParams): IssueObject[] {
    const state = params.get("state") ?? "open";
    const wanted = (params.get("labels") ?? "").split(",").map((name) => name.trim()).filter(Boolean);
    const perPage = Math.min(100, Number(params.get("per_page") ?? 30));
    return issues
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => wanted.every((name) => issue.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())))
      .reverse()
      .slice(0, perPage);
  }

  function update(issue: IssueObject, body: Record<string, unknown>): IssueObject {
    if (body.state === "closed" && issue.state === "open") {
      issue.state = "closed";
      issue.closed_at = now();
      issue.state_reason = body.state_reason === "not_planned" ? "not_planned" : "completed";
    } else if (body.state === "open" && issue.state === "closed") {
      Object.assign(issue, { state: "open", closed_at: null, state_reason: "reopened" });
    }
    if (typeof body.title === "string") issue.title = body.title;
    if (typeof body.body === "string") issue.body = body.body;
    issue.updated_at = now();
    return issue;
  }

  const server = await startLocalServer(handle);
  base = server.url;
  return {
    url: server.url,
    token,
    repository,
    requests: server.requests,
    faults: server.faults,
    issues: () => issues.map((issue) => ({ ...structuredClone(issue), commentBodies: comments.get(issue.number)!.map((c) => c.body) })),
    addIssue: ({ title, labels: names = [], pullRequest }) => structuredClone(newIssue(title, null, names, PERSON, pullRequest)),
    close: () => server.close(),
  };
}

function error(status: number, message: string): Reply {
  const body: ErrorObject = { message, documentation_url: DOCS, status: String(status) };
  return json(status, body);
}

function invalid(resource: string, field: string, code: string): Reply {
  const body: ErrorObject = { message: "Validation Failed", documentation_url: DOCS, status: "422", errors: [{ resource, field, code }] };
  return json(422, body);
}
