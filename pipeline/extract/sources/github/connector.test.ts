import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../../../fakes/fixtures/temp-folder.ts";
import { readAll, testContext } from "../../../../fakes/fixtures/extract-context.ts";
import { gitBlobSha, startFakeGitHub, type FakeGitHub } from "../../../../fakes/sources/github/github-server.ts";
import { makeXlsx } from "../../../../fakes/fixtures/make-xlsx.ts";
import { ExtractError, SOURCE_FILE, SOURCE_ROW_NUMBER } from "../../types.ts";
import { githubConnector } from "./connector.ts";
import type { GithubOptions } from "./options.ts";
import { describeThrown } from "../../../frictionless/index.ts";

const TOKEN = "ghp_jetonfictif0123456789";
const LAUREATS_V1 = "projet,montant\nProjet fictif A,1000\n";
const LAUREATS_MAIN = "projet,montant\nProjet fictif A,1000\nProjet fictif B,2000\n";

let github: FakeGitHub;
let temp: { dir: string; cleanup: () => Promise<void> };
let cacheDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  cacheDir = join(temp.dir, "cache");
  github = await startFakeGitHub({
    tokens: [TOKEN],
    inlineLimit: 200,
    repositories: {
      "equipe-fictive/donnees-aap": {
        refs: {
          main: {
            "donnees/laureats.csv": LAUREATS_MAIN,
            "tables/2024.csv": "projet\nProjet fictif 2024\n",
            "tables/2025.csv": "projet\nProjet fictif 2025\n",
            "tables/2023.xlsx": Buffer.from(makeXlsx({ "Feuil1": [["projet"], ["Projet fictif 2023"]] })),
            "tables/LISEZMOI.md": "# Données fictives\n",
            "tables/archives/2020.csv": "projet\nProjet fictif 2020\n",
            "gros/laureats.csv": `projet\n${Array.from({ length: 30 }, (_, i) => `Projet fictif ${i + 1}`).join("\n")}\n`,
          },
          v1: { "donnees/laureats.csv": LAUREATS_V1 },
        },
      },
      "equipe-fictive/prive": { private: true, refs: { main: { "laureats.csv": "projet\nProjet fictif privé\n" } } },
    },
  });
});
afterEach(async () => {
  await github.close();
  await temp.cleanup();
});

const repo = (extra: Partial<GithubOptions> & { path: string }): GithubOptions => ({ owner: "equipe-fictive", repo: "donnees-aap", baseUrl: github.url, retries: 1, ...extra });
const context = (extra: { state?: Record<string, unknown>; env?: Record<string, string> } = {}) => testContext({ baseDir: temp.dir, cacheDir, ...extra });
const blobRequests = () => github.requests.filter((r) => r.path.includes("/git/blobs/"));

describe("github connector", () => {
  it("reads a file at a ref, with its blob sha in the state", async () => {
    const result = await githubConnector.extract(repo({ path: "donnees/laureats.csv", ref: "v1" }), context());
    expect(await readAll(result)).toEqual([{ projet: "Projet fictif A", montant: "1000", [SOURCE_ROW_NUMBER]: 2 }]);
    expect(github.requests[0]).toMatchObject({ path: "/repos/equipe-fictive/donnees-aap/contents/donnees/laureats.csv", ref: "v1" });
    expect(result.provenance()).toMatchObject({ source: `${github.url}/repos/equipe-fictive/donnees-aap/contents/donnees/laureats.csv?ref=v1`, connector: "github", records: 1, bytes: LAUREATS_V1.length });
    expect(result.nextState()).toMatchObject({ ref: "v1", path: "donnees/laureats.csv", files: { "donnees/laureats.csv": { blobSha: gitBlobSha(LAUREATS_V1) } } });

    const main = await githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context());
    expect(await readAll(main)).toHaveLength(2);
  });

  it("does not fetch an unchanged file again: 304 on its ETag, records from the cache", async () => {
    const first = await githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context());
    const records = await readAll(first);
    const state = first.nextState();

    const second = await githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context({ state }));
    expect(github.requests.at(-1)).toMatchObject({ status: 304, headers: { "if-none-match": state.etag } });
    expect(second.changed).toBe(false);
    expect(await readAll(second)).toEqual(records);
  });

  it("reads every table file of a folder in name order, each record tagged with its file", async () => {
    const result = await githubConnector.extract(repo({ path: "tables" }), context());
    expect(await readAll(result)).toEqual([
      { projet: "Projet fictif 2023", [SOURCE_ROW_NUMBER]: 2, [SOURCE_FILE]: "tables/2023.xlsx" },
      { projet: "Projet fictif 2024", [SOURCE_ROW_NUMBER]: 2, [SOURCE_FILE]: "tables/2024.csv" },
      { projet: "Projet fictif 2025", [SOURCE_ROW_NUMBER]: 2, [SOURCE_FILE]: "tables/2025.csv" },
    ]);
    expect(Object.keys(result.nextState().files as object)).toEqual(["tables/2023.xlsx", "tables/2024.csv", "tables/2025.csv"]);
  });

  it("in a folder, fetches only the files whose blob changed", async () => {
    const first = await githubConnector.extract(repo({ path: "tables", format: "csv" }), context());
    await readAll(first);
    const state = first.nextState();
    github.setFile("equipe-fictive/donnees-aap", "main", "tables/2025.csv", "projet\nProjet fictif 2025 corrigé\n");
    const before = blobRequests().length;

    const second = await githubConnector.extract(repo({ path: "tables", format: "csv" }), context({ state }));
    expect(second.changed).toBe(true);
    expect(blobRequests().slice(before).map((r) => r.path)).toEqual([`/repos/equipe-fictive/donnees-aap/git/blobs/${gitBlobSha("projet\nProjet fictif 2025 corrigé\n")}`]);
    expect((await readAll(second)).map((record) => record.projet)).toEqual(["Projet fictif 2024", "Projet fictif 2025 corrigé"]);
  });

  it("fetches a file too large to be inlined through the blob API", async () => {
    const result = await githubConnector.extract(repo({ path: "gros/laureats.csv" }), context());
    expect(await readAll(result)).toHaveLength(30);
    expect(blobRequests()).toHaveLength(1);
  });

  it("reads a private repository with the token from the environment, and says how to fix a 404 without it", async () => {
    const options = { owner: "equipe-fictive", repo: "prive", path: "laureats.csv", baseUrl: github.url };
    const withToken = await githubConnector.extract({ ...options, tokenEnv: "GITHUB_TOKEN_FICTIF" }, context({ env: { GITHUB_TOKEN_FICTIF: TOKEN } }));
    expect(await readAll(withToken)).toEqual([{ projet: "Projet fictif privé", [SOURCE_ROW_NUMBER]: 2 }]);
    expect(github.requests[0]?.headers.authorization).toMatch(TOKEN);

    const failure = await githubConnector.extract(options, context()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "not-found" });
    expect(describeThrown(failure).hint).toMatch(/private repository.*tokenEnv/);
  });

  it("fails with unauthorized on a wrong token, without leaking it", async () => {
    const wrong = "ghp_mauvaisjetonfictif987654";
    const ctx = context({ env: { GITHUB_TOKEN_FICTIF: wrong } });
    const failure = await githubConnector.extract(repo({ path: "donnees/laureats.csv", tokenEnv: "GITHUB_TOKEN_FICTIF" }), ctx).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractError);
    expect(failure).toMatchObject({ code: "unauthorized", message: expect.stringMatching(/401: Bad credentials/), hint: expect.stringMatching(/GITHUB_TOKEN_FICTIF/) });
    expect(JSON.stringify({ message: describeThrown(failure).message, hint: describeThrown(failure).hint, logs: ctx.logs })).not.toContain(wrong);
  });

  it("names a missing path or ref as not-found", async () => {
    await expect(githubConnector.extract(repo({ path: "donnees/absent.csv" }), context())).rejects.toMatchObject({ code: "not-found", hint: expect.stringMatching(/owner, repo, path and ref/) });
    await expect(githubConnector.extract(repo({ path: "donnees/laureats.csv", ref: "v9" }), context())).rejects.toMatchObject({ code: "not-found", message: expect.stringMatching(/No commit found for the ref v9/) });
  });

  it("reports a spent rate limit with when to retry and how to raise it", async () => {
    github.rateLimit.remaining = 0;
    const failure = await githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "rate-limited", hint: expect.stringMatching(/after 2026-01-01T00:00:00.000Z.*tokenEnv/) });
  });

  it("retries a 502, and fails clearly when it persists", async () => {
    github.faults.inject({ status: 502 });
    const recovered = await githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context());
    expect(await readAll(recovered)).toHaveLength(2);

    github.faults.inject({ status: 502 }, { status: 502 });
    await expect(githubConnector.extract(repo({ path: "donnees/laureats.csv" }), context())).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/502.*after 2 attempts/) });
  });

  it("names the missing token variable", async () => {
    await expect(githubConnector.extract(repo({ path: "donnees/laureats.csv", tokenEnv: "GITHUB_TOKEN_FICTIF" }), context())).rejects.toMatchObject({ code: "missing-secret", message: expect.stringMatching(/GITHUB_TOKEN_FICTIF/) });
  });
});
