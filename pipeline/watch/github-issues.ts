import { Octokit } from "@octokit/rest";
import { WatchError } from "./errors.ts";
import { retryingFetch } from "./retrying-fetch.ts";

/**
 * The issue that carries the alerts, through GitHub's REST API (docs/github-issues-api.md): find
 * the open one by its label, open one, comment on it, close it. The token comes from the
 * environment and goes nowhere but the Authorization header.
 */
export interface IssueRef {
  number: number;
  url: string;
}

export interface IssueTracker {
  /** The oldest open issue with the label; pull requests, which the listing returns too, are skipped. */
  findOpen(): Promise<IssueRef | undefined>;
  open(title: string, body: string): Promise<IssueRef>;
  /** The comment's address. */
  comment(issue: number, body: string): Promise<string>;
  close(issue: number): Promise<void>;
}

export interface GithubSettings {
  token: string;
  owner: string;
  repo: string;
  /** API root (GITHUB_API_URL): https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
}

/** GITHUB_TOKEN, GITHUB_REPOSITORY (owner/repo) and GITHUB_API_URL, as Actions sets them. */
export function githubSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): GithubSettings {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw new WatchError({ code: "alert-config", message: "GITHUB_TOKEN is not set: the alert issue cannot be opened, commented on or closed", hint: "pass the job's token (env: GITHUB_TOKEN: ${{ github.token }}) with permissions: issues: write" });
  }
  const repository = env.GITHUB_REPOSITORY?.trim() ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new WatchError({ code: "alert-config", message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}: it must name the repository as owner/name`, hint: "Actions sets it; elsewhere, export GITHUB_REPOSITORY=owner/name" });
  }
  const apiUrl = (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/@\s]+(\/[^@\s]*)?$/.test(apiUrl)) {
    throw new WatchError({ code: "alert-config", message: "GITHUB_API_URL is not an http(s) address without credentials", hint: "leave it unset for github.com; Actions sets it on GitHub Enterprise Server" });
  }
  return { token, owner, repo, apiUrl };
}

export function githubIssues(settings: GithubSettings, label: string): IssueTracker {
  const octokit = new Octokit({
    request: { fetch: retryingFetch() },
    auth: settings.token,
    baseUrl: settings.apiUrl,
    userAgent: "aap-opendata notify",
    // Octokit's own warnings go to the console: nothing of ours should print behind the logger's back.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const where = { owner: settings.owner, repo: settings.repo };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw githubFailure(error, what, settings);
    }
  };
  return {
    findOpen: () =>
      call("list the open issues", async () => {
        const { data } = await octokit.rest.issues.listForRepo({ ...where, state: "open", labels: label, per_page: 100 });
        const oldest = data.filter((issue) => !issue.pull_request).sort((a, b) => a.number - b.number)[0];
        return oldest && { number: oldest.number, url: oldest.html_url };
      }),
    open: (title, body) =>
      call("open an issue", async () => {
        const { data } = await octokit.rest.issues.create({ ...where, title, body, labels: [label] });
        return { number: data.number, url: data.html_url };
      }),
    comment: (issue, body) => call(`comment on issue #${issue}`, async () => (await octokit.rest.issues.createComment({ ...where, issue_number: issue, body })).data.html_url),
    close: (issue) => call(`close issue #${issue}`, async () => void (await octokit.rest.issues.update({ ...where, issue_number: issue, state: "closed", state_reason: "completed" }))),
  };
}

/** Octokit's RequestError, read by shape: its status and GitHub's message, never its request headers. */
function githubFailure(error: unknown, what: string, settings: GithubSettings): WatchError {
  const status = (error as { status?: unknown }).status;
  const said = String((error as { response?: { data?: { message?: unknown } } }).response?.data?.message ?? (error as Error).message ?? error).split(settings.token).join("***");
  const repository = `${settings.owner}/${settings.repo}`;
  const hint =
    status === 401 ? "GITHUB_TOKEN is wrong or expired: pass the job's token"
    : status === 403 ? "the token may not write issues: give the job permissions: issues: write"
    : status === 404 ? `check GITHUB_REPOSITORY (${repository}) and that the token can see it`
    : status === 410 ? `issues are turned off in ${repository}: turn them on in its settings`
    : "GitHub did not answer as expected: run aap notify again";
  const answered = typeof status === "number" && status > 0 ? `GitHub answered ${status}: ${said}` : `GitHub could not be reached: ${said}`;
  return new WatchError({ code: "github-api", message: `could not ${what} in ${repository}: ${answered}`, hint });
}
