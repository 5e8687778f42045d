import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { liveDatasets } from "../../fakes/fixtures/publish-workspace.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { publishingNight } from "../../fakes/fixtures/publishing-night.ts";
import { aap, BUNDLED_PACKAGE } from "../../fakes/fixtures/cli-workspace.ts";

/** `aap schedule --once`: one cycle of the daemon, for an outside scheduler, with that cycle's status. */

let server: UdataServer;
let root: string;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, root, env } = await publishingNight());
});
afterEach(() => server.close());

const once = () => aap(["schedule", "--once"], { cwd: root, env });
const scheduleState = async () => JSON.parse(await readFile(join(root, ".aap", "schedule.json"), "utf8")) as { lastRunOk: boolean; lastSuccessAt?: string; lastRunAt: string };

describe("aap schedule --once", () => {
  it("publishes to a udata server with a key and exits 0; the next cycle checks it unchanged and exits 0 too", async () => {
    const first = await once();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${BUNDLED_PACKAGE} published\ndone.\n`);
    expect(liveDatasets(server)).toHaveLength(1);
    expect(liveDatasets(server)[0]!.resources.length).toBeGreaterThan(3);
    const state = await scheduleState();
    expect(state).toMatchObject({ lastRunOk: true });
    expect(state.lastSuccessAt).toBe(state.lastRunAt);

    const second = await once();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(`${BUNDLED_PACKAGE} unchanged\ndone.\n`);
  });

  it("a cycle whose upload is refused exits 1, and the state records the failure", async () => {
    server.faults.inject({ method: "POST", path: /\/upload\/$/, kind: "status", status: 400, body: { message: "refusé (test)" } });
    const result = await once();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${BUNDLED_PACKAGE} failed\nfailed: see the messages above and output/run-report.md\n`);
    expect(await scheduleState()).toMatchObject({ lastRunOk: false });
    expect((await scheduleState()).lastSuccessAt).toBeUndefined();
  });

  it("invalid data: exit 1, nothing published", async () => {
    const source = join(root, "datapackages", BUNDLED_PACKAGE, "sources", "laureats.csv");
    const lines = (await readFile(source, "latin1")).split("\r\n");
    lines[1] = lines[1]!.replace(/^[^;]*/, "");
    await writeFile(source, lines.join("\r\n"), "latin1");
    const result = await once();
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain(`${BUNDLED_PACKAGE} invalid`);
    expect(liveDatasets(server)).toEqual([]);
  });

  it("a cycle that cannot start (a broken declaration) exits with its error's own status and code", async () => {
    await writeFile(join(root, "datapackages", BUNDLED_PACKAGE, "datapackage.yaml"), "name: [pas fermé\n");
    const result = await once();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aap schedule: declaration-error: .*\n {2}hint: /m);
    expect(await scheduleState()).toMatchObject({ lastRunOk: false });
  });

  it("without DATAGOUV_API_KEY it refuses to run a cycle that could only plan (exit 2, nothing sent)", async () => {
    const result = await aap(["schedule", "--once"], { cwd: root, env: { DATAGOUV_URL: server.url } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("datagouv-config");
    expect(server.requests).toEqual([]);
  });
});
