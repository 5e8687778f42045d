import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { liveDatasets } from "../../fakes/fixtures/publish-workspace.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";
import type { Declaration } from "../declaration/types.ts";
import { memoryLogger } from "../log/logger.ts";
import { acquireLock } from "../state/lock.ts";
import { packageLockFile } from "./package-lock.ts";
import { publishBuilt } from "./publish-built.ts";
import { loadDeclarations } from "./run.ts";

/** `aap publish` after `aap build`: the bundled package built in a workspace, and a udata-compatible server. */
let server: UdataServer;
let root: string;
let declaration: Declaration;
beforeAll(async () => {
  server = await startUdataServer();
  root = await makeWorkspace();
  declaration = (await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root))[0]!;
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

function publish(lockWaitMs = 0) {
  return publishBuilt(declaration, {
    outputDir: join(root, "output"),
    stateDir: join(root, ".aap"),
    env: { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId },
    now: () => new Date("2026-01-15T02:17:00.000Z"),
    lockWaitMs,
    logger: memoryLogger(),
    dryRun: false,
  });
}

describe("publishBuilt", () => {
  it("asks for a build first when output/<name>/ holds none", async () => {
    expect(await publish()).toEqual({ name: BUNDLED_PACKAGE, status: "missing", message: `no built package in ${join(root, "output", BUNDLED_PACKAGE)}: run "aap build ${BUNDLED_PACKAGE}" first` });
    expect(server.requests).toEqual([]);
  });

  it("validates the folder again and sends nothing when someone changed a file since the build", async () => {
    const built = await aap(["build", BUNDLED_PACKAGE], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
    const file = join(root, "output", BUNDLED_PACKAGE, "appels.csv");
    const original = await readFile(file, "utf8");
    const lines = original.split("\n");
    lines[1] = lines[1]!.replace(/^[^,]*/, ""); // the first call loses its identifier, a required primary key
    await writeFile(file, lines.join("\n"));
    const outcome = await publish();
    expect(outcome).toMatchObject({ status: "invalid", message: `${join(root, "output", BUNDLED_PACKAGE)} is not valid: nothing published` });
    expect(outcome.status === "invalid" && outcome.errors.some((e) => e.includes("appels"))).toBe(true);
    expect(server.requests).toEqual([]);
    await writeFile(file, original);
  });

  it("fails, sending nothing, while another run holds the package", async () => {
    const lock = await acquireLock(packageLockFile(join(root, ".aap"), BUNDLED_PACKAGE), { waitMs: 0, purpose: "aap run" });
    try {
      const outcome = await publish(0);
      expect(outcome).toMatchObject({ status: "failed", message: expect.stringMatching(/is held by process \d+ on .*\(aap run, since /) });
    } finally {
      await lock.release();
    }
    expect(server.requests).toEqual([]);
  });

  it("publishes the validated folder as it is", async () => {
    const outcome = await publish();
    expect(outcome).toMatchObject({ name: BUNDLED_PACKAGE, status: "published", target: server.url });
    expect(liveDatasets(server)[0]!.resources.map((r) => r.extras?.["aap:key"])).toEqual(BUNDLED_PUBLISHED_KEYS);
  });
});
