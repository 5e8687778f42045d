import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { liveDatasets, writeRequests } from "../../fakes/fixtures/publish-workspace.ts";
import { call } from "../../fakes/udata/test-client.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import type { Declaration } from "../declaration/types.ts";
import { memoryLogger } from "../log/logger.ts";
import { VALIDATION_REPORT_FILE } from "./promote-validated.ts";
import { publishStage } from "./publish-stage.ts";
import { checkRemote } from "./remote-check.ts";
import { loadDeclarations } from "./run.ts";
import { StageClock } from "./stage-clock.ts";

/** The bundled package built in a workspace and published once to a udata-compatible server; then people edit the dataset by hand. */
let server: UdataServer;
let root: string;
let declaration: Declaration;
let packageDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startUdataServer();
  root = await makeWorkspace();
  const built = await aap(["build", BUNDLED_PACKAGE], { cwd: root });
  expect(built.code, built.stderr).toBe(0);
  declaration = (await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root))[0]!;
  packageDir = join(root, "output", BUNDLED_PACKAGE);
  env = { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId };
  const logger = memoryLogger();
  const options = { env, stateDir: join(root, ".aap"), dryRun: false, logger, provenance: { validatedAt: "2026-01-15T02:17:30.000Z" } };
  await publishStage(declaration, packageDir, options, new StageClock(logger, BUNDLED_PACKAGE));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function check(dryRun = false) {
  const logger = memoryLogger();
  const before = server.requests.length;
  const result = await checkRemote(declaration, packageDir, { env, stateDir: join(root, ".aap"), dryRun, logger, gitCommit: "0000000fictif" }, new StageClock(logger, BUNDLED_PACKAGE, () => 0));
  const summary = logger.events.find((e) => e.event === "stage.end")?.message;
  return { result, summary, served: server.requests.slice(before) };
}

const resourceOf = (key: string) => liveDatasets(server)[0]!.resources.find((r) => r.extras?.["aap:key"] === key);

describe("checkRemote", () => {
  it("only reads the dataset when the server is in sync, and says so", async () => {
    const { result, summary, served } = await check();
    expect(result.drift).toEqual([]);
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((request) => request.method === "GET")).toBe(true);
    expect(summary).toBe(`publish: checked ${server.url} (${served.length} GET requests): in sync, nothing sent in 0 ms`);
  });

  it("with --dry-run, reports a resource deleted on the site without repairing it", async () => {
    const dataset = liveDatasets(server)[0]!;
    const deleted = await call(server, "DELETE", `/api/1/datasets/${dataset.id}/resources/${resourceOf("appels.csv")!.id}/`);
    expect(deleted.status).toBe(204);
    const { result, served } = await check(true);
    expect(result.status).toBe("planned");
    // Uploaded again, it would land last: the package's order is put back too.
    expect(result.drift).toEqual([expect.stringMatching(/^appels\.csv: missing on the server: uploaded again \(/), "resources out of the package order: reordered"]);
    expect(served.every((request) => request.method === "GET")).toBe(true);
    expect(resourceOf("appels.csv")).toBeUndefined();
  });

  it("repairs the drift, stamping the files with the time they were validated, not tonight's", async () => {
    const before = server.requests.length;
    const { result, summary } = await check();
    expect(result.status).toBe("published");
    expect(result.drift).toHaveLength(2);
    expect(writeRequests(server, before).length).toBeGreaterThan(0);
    expect(summary).toMatch(new RegExp(`^publish: drift on ${server.url} repaired: \\d+ changes sent`));
    const validatedAt = (await stat(join(packageDir, VALIDATION_REPORT_FILE))).mtime.toISOString();
    expect(resourceOf("appels.csv")?.extras).toMatchObject({ "aap:validated-at": validatedAt, "aap:git-commit": "0000000fictif" });
    expect(liveDatasets(server)[0]!.resources.map((r) => r.extras?.["aap:key"])).toEqual(BUNDLED_PUBLISHED_KEYS);
    expect((await check()).result.drift).toEqual([]);
  });

  it("puts back the title of a resource retitled by hand", async () => {
    const dataset = liveDatasets(server)[0]!;
    const laureats = resourceOf("laureats.csv")!;
    await call(server, "PUT", `/api/1/datasets/${dataset.id}/resources/${laureats.id}/`, { json: { title: "Renommé à la main" } });
    const { result } = await check();
    expect(result.drift).toEqual(["laureats.csv: metadata changed on the server (title): put back"]);
    expect(resourceOf("laureats.csv")?.title).toBe(laureats.title);
  });
});
