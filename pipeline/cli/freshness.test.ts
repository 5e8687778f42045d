import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { startFakeGitHubIssues } from "../../fakes/github-issues/github-issues-server.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import type { PackageFreshness } from "../watch/freshness.ts";

/**
 * `aap freshness` against a udata server the package was published to. The clock is injected,
 * and set from the times the server and the state hold: the verdicts never depend on today.
 */

const HOUR = 3_600_000;
let server: UdataServer;
let root: string;
let env: Record<string, string>;
let published: PackageFreshness;

beforeAll(async () => {
  server = await startUdataServer();
  root = await makeWorkspace();
  env = { DATAGOUV_URL: server.url, DATAGOUV_ORGANIZATION: server.organizationId };
  const run = await aap(["run"], { cwd: root, env: { ...env, DATAGOUV_API_KEY: server.apiKey } });
  expect(run.code, run.stderr).toBe(0);
  published = (await check(["--json"], new Date())).json!.packages[0]!;
});
afterAll(() => server.close());

async function check(argv: string[], at: Date, extra: Record<string, string> = {}, cwd = root) {
  const result = await aap(["freshness", ...argv], { cwd, env: { ...env, ...extra }, now: () => at });
  return { ...result, json: argv.includes("--json") ? (JSON.parse(result.stdout) as { instance: string; packages: PackageFreshness[] }) : undefined };
}
const later = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR);

describe("aap freshness", () => {
  it("a package just published is fresh: its dataset's modification and its last successful run, its allowance for 'daily'", async () => {
    const result = await check(["--json"], later(published.freshAt ?? new Date().toISOString(), 1));
    expect(result.code, result.stderr).toBe(0);
    const [pkg] = result.json!.packages;
    expect(pkg).toMatchObject({ name: BUNDLED_PACKAGE, frequency: "daily", status: "fresh", ageHours: 1, allowedHours: 38.4 });
    expect(pkg!.dataset!.id).toMatch(/^[0-9a-f]{24}$/);
    expect(Date.parse(pkg!.modifiedAt!)).not.toBeNaN();
    expect(Date.parse(pkg!.lastSuccessAt!)).not.toBeNaN();
  });

  it("two days without a successful run: stale, exit 1, a line naming the package, its age and its frequency", async () => {
    const result = await check([], later(published.freshAt!, 48));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${BUNDLED_PACKAGE}: STALE: 2\\.0 days old \\(dataset modified .+, last successful run .+\\); frequency "daily" allows 38\\.4 hours\\n$`));
    // Just inside the allowance: fresh.
    expect((await check([], later(published.freshAt!, 38))).code).toBe(0);
  });

  it("a quiet package (nights with no change write nothing on data.gouv.fr) is fresh by its last successful run", async () => {
    const stateFile = join(root, ".aap", "last-success.json");
    const saved = await readFile(stateFile, "utf8");
    const modified = published.modifiedAt!;
    await writeFile(stateFile, JSON.stringify({ [server.url]: { [BUNDLED_PACKAGE]: later(modified, 90).toISOString() } }));
    const quiet = await check(["--json"], later(modified, 100));
    expect(quiet.json!.packages[0]).toMatchObject({ status: "fresh", ageHours: 10, freshAt: later(modified, 90).toISOString() });
    await writeFile(stateFile, saved);
  });

  it("without the state (a fresh checkout), the dataset is found by its marker in the organization's datasets", async () => {
    const bare = await makeWorkspace();
    const result = await check(["--json"], later(published.modifiedAt!, 2), {}, bare);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json!.packages[0]).toMatchObject({ status: "fresh", dataset: { id: published.dataset!.id } });
    expect(result.json!.packages[0]!.lastSuccessAt).toBeUndefined();
  });

  it("--notify on a stale package: the publication-nocturne issue says which package, how old, and its frequency", async () => {
    const github = await startFakeGitHubIssues();
    try {
      const result = await check(["--notify"], later(published.freshAt!, 72), { GITHUB_TOKEN: github.token, GITHUB_REPOSITORY: github.repository, GITHUB_API_URL: github.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^alert: issue #1 opened/);
      const comment = github.issues()[0]!.commentBodies[0]!;
      expect(comment).toContain(`**${BUNDLED_PACKAGE}** : à jour il y a 3,0 jours`);
      expect(comment).toContain("sa fréquence déclarée, « daily », permet 1,6 jours");
      expect(comment).toContain("60 jours sans activité");
      // Fresh again: the watchdog says nothing (the next successful run closes the issue).
      expect((await check(["--notify"], later(published.freshAt!, 1), { GITHUB_TOKEN: github.token, GITHUB_REPOSITORY: github.repository, GITHUB_API_URL: github.url })).code).toBe(0);
      expect(github.issues()[0]!.comments).toBe(1);
    } finally {
      await github.close();
    }
  });

  it("--notify without GITHUB_TOKEN: exit 2 before reading anything", async () => {
    const before = server.requests.length;
    const result = await check(["--notify"], new Date(published.freshAt!));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("alert-config: GITHUB_TOKEN is not set");
    expect(server.requests.length).toBe(before);
  });

  it("a frequency without a rhythm is not checked; a package without a dataset is stale", async () => {
    const other = await makeWorkspace();
    const yamlFile = join(other, "datapackages", BUNDLED_PACKAGE, "datapackage.yaml");
    await writeFile(yamlFile, (await readFile(yamlFile, "utf8")).replace("frequency: daily", "frequency: irregular"));
    const irregular = await check([], later(published.freshAt!, 24 * 400), {}, other);
    expect(irregular.code).toBe(0);
    expect(irregular.stdout).toBe(`${BUNDLED_PACKAGE}: not checked: frequency "irregular" promises no rhythm\n`);

    const elsewhere = await startUdataServer();
    try {
      const missing = await check([], new Date(published.freshAt!), { DATAGOUV_URL: elsewhere.url, DATAGOUV_ORGANIZATION: elsewhere.organizationId }, root);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toBe(`${BUNDLED_PACKAGE}: STALE: no dataset found on data.gouv.fr (never published, or deleted)\n`);
    } finally {
      await elsewhere.close();
    }
  });
});
