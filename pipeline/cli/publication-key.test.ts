import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobOutcome } from "./commands/schedule-daemon.ts";
import type { RunResult } from "../orchestrate/run.ts";
import type { PackageOutcome } from "../orchestrate/run-package.ts";
import { liveDatasets } from "../../fakes/fixtures/publish-workspace.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

/** A canary: a key no one would type, to look for everywhere the pipeline writes. */
const CANARY = "udata_canari-cle-secrete-7f3a9c";

let server: UdataServer;
beforeAll(async () => {
  server = await startUdataServer({ apiKey: CANARY });
});
afterAll(() => server.close());

describe("a night meant to publish, without its key, fails before doing anything", () => {
  it.each([
    ["run", ["run"]],
    ["run --force", ["run", "--force"]],
    ["publish", ["publish"]],
    ["schedule", ["schedule"]],
  ])("aap %s with DATAGOUV_URL and no DATAGOUV_API_KEY: exit 2, one message and its hint, nothing sent or written", async (_name, argv) => {
    const root = await makeWorkspace();
    const before = server.requests.length;
    const result = await aap(argv, { cwd: root, env: { DATAGOUV_URL: server.url, DATAGOUV_ORGANIZATION: server.organizationId } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^aap ${argv[0]}: datagouv-config: .*DATAGOUV_API_KEY is not set`));
    expect(lines[1]).toMatch(/^ {2}hint: set DATAGOUV_API_KEY to publish, or use .*--dry-run/);
    expect(server.requests.length).toBe(before);
    expect((await readdir(root)).sort()).toEqual(["datapackages", "schemas"]);
  });

  it("aap publish and aap schedule need the key even with no DATAGOUV_URL (production is the default)", async () => {
    const root = await makeWorkspace();
    for (const command of ["publish", "schedule"]) {
      const result = await aap([command], { cwd: root });
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toContain("https://www.data.gouv.fr");
    }
    expect((await readdir(root)).sort()).toEqual(["datapackages", "schemas"]);
  });

  it("--dry-run still prints the plan without a key, and sends nothing", async () => {
    const root = await makeWorkspace();
    const before = server.requests.length;
    const run = await aap(["run", "--dry-run"], { cwd: root, env: { DATAGOUV_URL: server.url } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${BUNDLED_PACKAGE}: planned`);
    const publish = await aap(["publish", "--dry-run"], { cwd: root, env: { DATAGOUV_URL: server.url } });
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout).toMatch(/laureats\.csv\s+create: upload/);
    expect(server.requests.length).toBe(before);
  });
});

describe("a daemon cycle is a success only when the datasets are on data.gouv.fr", () => {
  const result = (...statuses: [PackageOutcome["status"], boolean?][]): RunResult => ({
    ok: true,
    startedAt: "2000-01-01T00:00:00.000Z",
    finishedAt: "2000-01-01T00:01:00.000Z",
    packages: statuses.map(([status, checked], index) => ({
      name: `paquet-${index}`, status, stages: [], packageDir: "", sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [],
      ...(checked ? { remoteCheck: { instance: "https://demo.data.gouv.fr", drift: [] } } : {}),
    })),
  });

  it("a plan (nothing sent) or an unchecked 'unchanged' is never recorded as a successful publication", () => {
    expect(jobOutcome(result(["published"], ["unchanged", true])).ok).toBe(true);
    expect(jobOutcome(result(["published"], ["planned"]))).toMatchObject({ ok: false, summary: "paquet-0 published, paquet-1 planned" });
    expect(jobOutcome(result(["unchanged"])).ok).toBe(false);
  });
});

describe("the API key never appears in any output, log, report, state or output file", () => {
  it("through a publication with failures, a no-change night and a drift repair", async () => {
    const root = await makeWorkspace();
    const env = { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: CANARY, DATAGOUV_ORGANIZATION: server.organizationId };
    const texts: string[] = [];
    const runs = async (argv: string[]) => {
      const result = await aap(argv, { cwd: root, env });
      texts.push(result.stdout, result.stderr);
      return result;
    };
    // The server echoes the request in its errors: a careless client would log the key with them.
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 400, body: { message: `refusé pour la clé ${CANARY}` } });
    expect((await runs(["run", "--log-format", "json"])).code).toBe(1);
    server.faults.inject({ method: "GET", kind: "status", status: 503, times: 2 });
    expect((await runs(["run", "--verbose"])).code).toBe(0);
    const unchanged = await runs(["run", "--json"]);
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout).packages[0]).toMatchObject({ status: "unchanged", remoteCheck: { drift: [] } });
    server.empty();
    const repaired = await runs(["run"]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain(`${BUNDLED_PACKAGE}: published (the dataset had drifted on ${server.url})`);
    expect(liveDatasets(server)).toHaveLength(1);
    expect(texts.join("\n")).toContain("refusé pour la clé ***");
    for (const [file, content] of await everyFile(root)) expect(content, file).not.toContain(CANARY);
    for (const text of texts) expect(text).not.toContain(CANARY);
  });

  it("a key given in DATAGOUV_URL is refused, and repeated nowhere", async () => {
    const root = await makeWorkspace();
    const url = server.url.replace("http://", `http://jeton:${CANARY}@`);
    const result = await aap(["run"], { cwd: root, env: { DATAGOUV_URL: url, DATAGOUV_API_KEY: CANARY } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATAGOUV_URL carries credentials");
    expect(result.stdout + result.stderr).not.toContain(CANARY);
    expect((await readdir(root)).sort()).toEqual(["datapackages", "schemas"]);
  });
});

/** Every file under `dir`, read as bytes (latin1 keeps them all), with its path. */
async function everyFile(dir: string): Promise<[string, string][]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file): Promise<[string, string]> => [file, await readFile(file, "latin1")]));
}
