import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { startFakeGitHubIssues, type FakeGitHubIssues } from "../../fakes/github-issues/github-issues-server.ts";
import { startLocalServer, type LocalServer } from "../../fakes/http/local-server.ts";

/** `aap notify`, as the nightly's alert job runs it after `aap run`, against a local GitHub and a chat webhook. */

const RUN_URL = "https://github.com/equipe-fictive/depot-fictif/actions/runs/4242";
let github: FakeGitHubIssues;
let chat: LocalServer & { messages: string[] };
let failedRoot: string;
let okRoot: string;

beforeAll(async () => {
  // Two real run reports: one from a night whose lauréats lost an identifier, one from a good night.
  failedRoot = await makeWorkspace();
  const source = join(failedRoot, "datapackages", BUNDLED_PACKAGE, "sources", "laureats.csv");
  const lines = (await readFile(source, "latin1")).split("\r\n");
  lines[1] = lines[1]!.replace(/^[^;]*/, "");
  await writeFile(source, lines.join("\r\n"), "latin1");
  expect((await aap(["build"], { cwd: failedRoot })).code).toBe(1);
  okRoot = await makeWorkspace();
  expect((await aap(["build"], { cwd: okRoot })).code).toBe(0);
});

beforeEach(async () => {
  github = await startFakeGitHubIssues();
  const messages: string[] = [];
  const server = await startLocalServer((request) => {
    messages.push((JSON.parse(request.body.toString("utf8")) as { text: string }).text);
    return { status: 200, raw: "ok", headers: { "content-type": "text/plain" } };
  });
  chat = Object.assign(server, { messages });
});
afterEach(async () => {
  await github.close();
  await chat.close();
});

const env = (extra: Record<string, string> = {}) => ({ GITHUB_TOKEN: github.token, GITHUB_REPOSITORY: github.repository, GITHUB_API_URL: github.url, ...extra });
const notify = (root: string, extra: Record<string, string> = {}, argv: string[] = []) =>
  aap(["notify", "--report", "output/run-report.json", "--run-url", RUN_URL, ...argv], { cwd: root, env: env(extra) });
const alertIssues = () => github.issues().filter((issue) => issue.labels.some((label) => label.name === "publication-nocturne") && !issue.pull_request);

describe("aap notify: one issue for a series of failures, closed on the next success", () => {
  it("three failures in a row give one issue with three comments; a success closes it with a fourth; another success does nothing", async () => {
    // A person's pull request with the same label is not the alert issue.
    github.addIssue({ title: "Une PR fictive", labels: ["publication-nocturne"], pullRequest: true });
    const outputs: string[] = [];
    for (let night = 0; night < 3; night++) {
      const result = await notify(failedRoot);
      expect(result.code, result.stderr).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[0]).toMatch(/^run failed: issue #2 opened \(https:\/\/github\.com\/equipe-fictive\/depot-fictif\/issues\/2#issuecomment-\d+\)\n$/);
    expect(outputs[2]).toMatch(/^run failed: issue #2 commented on/);
    const [issue] = alertIssues();
    expect(alertIssues()).toHaveLength(1);
    expect(issue).toMatchObject({ number: 2, title: "Publication nocturne en échec", state: "open", comments: 3 });
    expect(issue!.body).toContain(RUN_URL);

    const comment = issue!.commentBodies[0]!;
    expect(comment).toContain(`Exécution : ${RUN_URL}`);
    expect(comment).toContain(`| ${BUNDLED_PACKAGE} | données invalides | validation (validate) |`);
    expect(comment).toMatch(/Premières erreurs \(\d+ en tout\) :\n\n```\nlaureats/);
    expect(comment).toContain(`**Que faire :** corriger la donnée indiquée (fichier, ligne, champ) dans la source, sous \`datapackages/${BUNDLED_PACKAGE}/sources/\``);
    expect(issue!.commentBodies[1]).toBe(comment);

    const recovered = await notify(okRoot);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toBe("run succeeded: issue #2 closed\n");
    const closed = alertIssues()[0]!;
    expect(closed).toMatchObject({ state: "closed", state_reason: "completed", comments: 4 });
    expect(closed.commentBodies[3]).toMatch(/^### ✅ Publication nocturne rétablie/);
    expect(closed.commentBodies[3]).toContain(`${BUNDLED_PACKAGE} (construit)`);

    const writes = github.requests.filter((request) => request.method !== "GET").length;
    const quiet = await notify(okRoot);
    expect(quiet.stdout).toBe('run succeeded: no open "publication-nocturne" issue, nothing to tell\n');
    expect(github.requests.filter((request) => request.method !== "GET").length).toBe(writes);

    // The next failure opens a new issue: a closed one stays closed.
    await notify(failedRoot);
    expect(alertIssues().map((i) => [i.number, i.state])).toEqual([[2, "closed"], [3, "open"]]);
  });

  it("sends the same message to the chat webhook, with a link to the comment; nothing when there is nothing to tell", async () => {
    const withChat = { AAP_ALERT_WEBHOOK_URL: `${chat.url}/hooks/jeton-fictif-du-webhook` };
    const failed = await notify(failedRoot, withChat);
    expect(failed.stdout).toContain("; chat webhook told");
    const comment = alertIssues()[0]!.commentBodies[0]!;
    expect(chat.messages).toHaveLength(1);
    expect(chat.messages[0]).toBe(`${comment}\n\nSuivi : ${alertIssues()[0]!.html_url}#issuecomment-${/issuecomment-(\d+)/.exec(failed.stdout)![1]}`);
    expect((await notify(okRoot, withChat)).code).toBe(0);
    expect(chat.messages[1]).toMatch(/^### ✅ Publication nocturne rétablie/);
    await notify(okRoot, withChat);
    expect(chat.messages).toHaveLength(2);
  });

  it("GitHub's passing failures are tried again: the alert lands once; a comment that may have been written is not sent twice", async () => {
    const repo = `/repos/${github.repository}`;
    // Retry-After: 0 keeps the test quick; the backoff itself is the http layer's (backoff.test.ts).
    github.faults.inject(
      { method: "GET", path: `${repo}/issues`, status: 502, times: 2, retryAfter: 0 },
      { method: "POST", path: `${repo}/issues`, status: 503, retryAfter: 0 },
      { method: "POST", path: new RegExp(`^${repo}/issues/\\d+/comments$`), status: 429, retryAfter: 0 },
    );
    const result = await notify(failedRoot);
    expect(result.code, result.stderr).toBe(0);
    expect(alertIssues()).toHaveLength(1);
    expect(alertIssues()[0]!.commentBodies).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === "GET").length).toBe(3);

    // GitHub wrote the comment, then its gateway answered 500: a second try would write it twice.
    github.faults.inject({ method: "POST", path: /\/comments$/, status: 500, after: true });
    const lost = await notify(failedRoot);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain("github-api: could not comment on issue #1");
    expect(alertIssues()[0]!.commentBodies).toHaveLength(2);
  });

  it("a run that left no report is a failure to tell, with what to do", async () => {
    const root = await makeWorkspace();
    const result = await notify(root);
    expect(result.code, result.stderr).toBe(0);
    expect(alertIssues()[0]!.commentBodies[0]).toContain("Rapport d'exécution absent");
  });
});

describe("aap notify refuses what it cannot use, and never prints the token", () => {
  it("no GITHUB_TOKEN: exit 2 with alert-config and what to set; nothing sent", async () => {
    const result = await aap(["notify", "--report", "output/run-report.json"], { cwd: failedRoot, env: { GITHUB_REPOSITORY: github.repository, GITHUB_API_URL: github.url } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aap notify: alert-config: GITHUB_TOKEN is not set.*\n {2}hint: .*issues: write/);
    expect(github.requests).toEqual([]);
  });

  it("a wrong token: exit 1 with github-api, the chat still told, the token nowhere", async () => {
    const wrong = "ghs_jeton-faux-canari-93ab";
    const result = await notify(failedRoot, { GITHUB_TOKEN: wrong, AAP_ALERT_WEBHOOK_URL: `${chat.url}/hooks/secret` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("aap notify: github-api: could not list the open issues in equipe-fictive/depot-fictif: GitHub answered 401: Bad credentials");
    expect(result.stderr).toContain("hint: GITHUB_TOKEN is wrong or expired");
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(chat.messages).toHaveLength(1);
    expect(chat.messages[0]).toContain("données invalides");
  });

  it("a webhook that refuses: exit 1 with webhook-failed, naming its host only", async () => {
    const result = await notify(failedRoot, { AAP_ALERT_WEBHOOK_URL: `${github.url}/hooks/jeton-du-webhook` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`aap notify: webhook-failed: the chat webhook at ${new URL(github.url).host} did not take the alert: it answered 404`);
    expect(result.stderr).not.toContain("jeton-du-webhook");
    expect(alertIssues()).toHaveLength(1);
  });

  it("a file that is not a run report, or no --report: exit 2", async () => {
    const root = await makeWorkspace();
    await writeFile(join(root, "rapport.json"), '{"ok": "oui"}');
    const bad = await aap(["notify", "--report", "rapport.json"], { cwd: root, env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("run-report-unreadable");
    const none = await aap(["notify"], { cwd: root, env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("usage-error: aap notify needs --report FILE");
  });
});
