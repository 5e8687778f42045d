import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { liveDatasets, writeRequests } from "../../fakes/fixtures/publish-workspace.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import type { Declaration } from "../declaration/types.ts";
import { memoryLogger } from "../log/logger.ts";
import { publishStage, type PublishStageOptions } from "./publish-stage.ts";
import { loadDeclarations } from "./run.ts";
import { StageClock } from "./stage-clock.ts";

/** The bundled package built by `aap build` in a workspace, published to a udata-compatible server on 127.0.0.1. */
let server: UdataServer;
let root: string;
let declaration: Declaration;
let packageDir: string;
beforeAll(async () => {
  server = await startUdataServer();
  root = await makeWorkspace();
  const built = await aap(["build", BUNDLED_PACKAGE], { cwd: root });
  expect(built.code, built.stderr).toBe(0);
  declaration = (await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root))[0]!;
  packageDir = join(root, "output", BUNDLED_PACKAGE);
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const VALIDATED_AT = "2026-01-15T02:17:30.000Z";
const FILES = BUNDLED_PUBLISHED_KEYS;

function withKey(): Record<string, string> {
  return { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId };
}

async function publish(env: Record<string, string>, patch: Partial<PublishStageOptions> = {}) {
  const logger = memoryLogger();
  const clock = new StageClock(logger, BUNDLED_PACKAGE, () => 0);
  const options: PublishStageOptions = { env, stateDir: join(root, ".aap"), dryRun: false, logger, provenance: { gitCommit: "0000000fictif", validatedAt: VALIDATED_AT }, ...patch };
  const result = await publishStage(declaration, packageDir, options, clock);
  const summary = logger.events.find((e) => e.event === "stage.end")?.message;
  return { result, logger, clock, summary };
}

describe("publishStage", () => {
  it("without a key, plans from the publication state alone and sends nothing anywhere", async () => {
    const { result, clock, summary } = await publish({});
    expect(result).toMatchObject({ status: "planned", target: "offline", actions: [] });
    expect(result.plan.dataset.action).toBe("create");
    expect(result.plan.resources.map((step) => [step.key, step.action])).toEqual(FILES.map((key) => [key, "create"]));
    expect(server.requests).toEqual([]);
    expect(clock.records.map((r) => r.stage)).toEqual(["publish"]);
    expect(summary).toBe("publish: no DATAGOUV_API_KEY: plan only, made from the publication state (nothing sent to https://www.data.gouv.fr) in 0 ms");
  });

  it("with a key and --dry-run, reads the server to plan and writes nothing", async () => {
    const { result, summary } = await publish(withKey(), { dryRun: true });
    expect(result).toMatchObject({ status: "planned", target: server.url });
    expect(result.planText).toContain("appels.csv");
    expect(writeRequests(server)).toEqual([]);
    expect(summary).toContain(`dry run against ${server.url}: nothing sent`);
  });

  it("with a key, creates the dataset with one resource per file of output/<name>, in the package's order", async () => {
    const { result, logger, clock } = await publish(withKey());
    expect(result.status).toBe("published");
    expect(result.dataset?.page).toBeTruthy();
    const [dataset, ...others] = liveDatasets(server);
    expect(others).toEqual([]);
    expect(dataset).toMatchObject({ title: declaration.title, organization: { id: server.organizationId } });
    expect(dataset!.resources.map((r) => r.extras?.["aap:key"])).toEqual(FILES);
    // Provenance travels with each upload: the commit, and when the files passed validation.
    expect(dataset!.resources[0]!.extras).toMatchObject({ "aap:git-commit": "0000000fictif", "aap:validated-at": VALIDATED_AT });
    const counts = clock.records[0]!.counts;
    expect(counts.writes).toBeGreaterThanOrEqual(FILES.length);
    expect(counts.bytes).toBeGreaterThan(0);
    const actions = logger.events.filter((e) => e.event === "publish.action");
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((e) => e.level === "info" && e.package === BUNDLED_PACKAGE)).toBe(true);
  });

  it("sends nothing when the server already holds the same files", async () => {
    const before = server.requests.length;
    const { result, summary, clock } = await publish(withKey());
    expect(result.status).toBe("published");
    expect(writeRequests(server, before)).toEqual([]);
    expect(clock.records[0]!.counts).toMatchObject({ writes: 0, bytes: 0 });
    expect(summary).toContain(`${server.url} already up to date: nothing sent`);
  });

  it("without a key, plans against what the state remembers of the same instance only", async () => {
    const before = server.requests.length;
    const elsewhere = await publish({});
    expect(elsewhere.result.plan.resources.map((step) => step.action)).toEqual(FILES.map(() => "create"));
    const here = await publish({ DATAGOUV_URL: server.url });
    expect(here.result).toMatchObject({ status: "planned", target: "offline" });
    expect(here.result.plan.resources.map((step) => step.action)).toEqual(FILES.map(() => "unchanged"));
    expect(server.requests.length).toBe(before);
  });
});
