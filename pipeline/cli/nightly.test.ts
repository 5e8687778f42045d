import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { liveDatasets, writeRequests } from "../../fakes/fixtures/publish-workspace.ts";
import { call } from "../../fakes/udata/test-client.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { publishingNight } from "../../fakes/fixtures/publishing-night.ts";
import { aap, BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS, type CliRun } from "../../fakes/fixtures/cli-workspace.ts";
import { aapProcess } from "../../fakes/fixtures/aap-process.ts";

/** The nightly `aap run` as the data team meets it, against a udata-compatible server that others also touch. */

let server: UdataServer;
let root: string;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, root, env } = await publishingNight());
});
afterEach(() => server.close());

const nightly = (extra: string[] = []) => aap(["run", ...extra], { cwd: root, env });

/** The dataset holds exactly the package: one resource per file, same bytes, same titles; no duplicate anywhere. */
async function expectRemoteEqualsLocal() {
  const datasets = liveDatasets(server);
  expect(datasets).toHaveLength(1);
  const dataset = datasets[0]!;
  const descriptor = JSON.parse(await readFile(join(root, "output", BUNDLED_PACKAGE, "datapackage.json"), "utf8")) as { title: string; resources: { path: string; title?: string }[] };
  expect(dataset.title).toBe(descriptor.title);
  const keys = dataset.resources.map((r) => String(r.extras?.["aap:key"]));
  expect(keys).toEqual(BUNDLED_PUBLISHED_KEYS);
  for (const resource of dataset.resources) {
    const served = Buffer.from(await (await fetch(resource.url)).arrayBuffer());
    expect(served.equals(await readFile(join(root, "output", BUNDLED_PACKAGE, String(resource.extras?.["aap:key"])))), resource.title).toBe(true);
    const declared = descriptor.resources.find((r) => r.path === resource.extras?.["aap:key"]);
    if (declared?.title) expect(resource.title).toBe(declared.title);
  }
}

describe("a night with no local change still checks data.gouv.fr", () => {
  it("in sync: GET requests only, reported as unchanged (checked remote)", async () => {
    expect((await nightly()).code).toBe(0);
    const mark = server.requests.length;
    const result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${BUNDLED_PACKAGE}: unchanged (checked remote)`);
    const requests = server.requests.slice(mark);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThan(6);
    expect(writeRequests(server, mark)).toEqual([]);
    expect(await readFile(join(root, "output", "run-report.md"), "utf8")).toContain("inchangé (vérifié sur data.gouv.fr)");
  });

  it("a resource deleted and another retitled on the server: the plan shows it, the run repairs it, the report says what had changed", async () => {
    expect((await nightly()).code).toBe(0);
    const dataset = liveDatasets(server)[0]!;
    const idOf = (key: string) => dataset.resources.find((r) => r.extras?.["aap:key"] === key)!.id;
    await call(server, "DELETE", `/api/1/datasets/${dataset.id}/resources/${idOf("laureats.csv")}/`);
    await call(server, "PUT", `/api/1/datasets/${dataset.id}/resources/${idOf("appels.csv")}/`, { json: { title: "Titre changé à la main" } });
    const plan = await nightly(["--dry-run"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("changed on the server: laureats.csv: missing on the server");
    expect(plan.stdout).toMatch(/laureats\.csv\s+create: upload/);
    expect(liveDatasets(server)[0]!.resources).toHaveLength(BUNDLED_PUBLISHED_KEYS.length - 1);
    const repaired = await nightly();
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain("changed on the server: appels.csv: metadata changed on the server (title): put back");
    const report = await readFile(join(root, "output", "run-report.md"), "utf8");
    expect(report).toContain("Écarts trouvés sur");
    expect(report).toContain("laureats.csv: missing on the server");
    await expectRemoteEqualsLocal();
    expect((await nightly()).stdout).toContain("unchanged (checked remote)");
  });

  it.each([
    ["emptied (every resource deleted)", async () => {
      const dataset = liveDatasets(server)[0]!;
      for (const resource of dataset.resources) await call(server, "DELETE", `/api/1/datasets/${dataset.id}/resources/${resource.id}/`);
    }],
    ["deleted", async () => void (await call(server, "DELETE", `/api/1/datasets/${liveDatasets(server)[0]!.id}/`))],
    ["gone with the whole server's data", async () => server.empty()],
  ])("the dataset %s: the next aap run makes remote equal local again", async (_name, change) => {
    expect((await nightly()).code).toBe(0);
    await change();
    const result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("the dataset had drifted");
    await expectRemoteEqualsLocal();
  });

  it("a dataset deleted on the server is restored, not created anew: reusers keep its id and address", async () => {
    expect((await nightly()).code).toBe(0);
    const before = liveDatasets(server)[0]!;
    await call(server, "DELETE", `/api/1/datasets/${before.id}/`);
    const mark = server.requests.length;
    const result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("restored, with the same id and address");
    const writes = writeRequests(server, mark);
    expect(writes.filter((w) => w.method === "POST" && w.path.endsWith("/datasets/"))).toEqual([]);
    expect(writes.filter((w) => w.method === "PUT" && w.path === `/api/1/datasets/${before.id}/`).length).toBeGreaterThan(0);
    const after = liveDatasets(server);
    expect(after.map((d) => [d.id, d.slug])).toEqual([[before.id, before.slug]]);
    await expectRemoteEqualsLocal();
  });
});

describe("output/ rebuilt in between by aap build", () => {
  it("a night whose sources are back to what was published rebuilds them, and never sends the other build", async () => {
    expect((await nightly()).code).toBe(0);
    const source = join(root, "datapackages", BUNDLED_PACKAGE, "sources", "laureats.csv");
    const original = await readFile(source, "latin1");
    const lines = original.split("\r\n");
    lines[1] = `${lines[1]} (essai local fictif)`;
    await writeFile(source, lines.join("\r\n"), "latin1");
    expect((await aap(["build"], { cwd: root })).code).toBe(0);
    await writeFile(source, original, "latin1");
    const mark = server.requests.length;
    const result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(root, "output", BUNDLED_PACKAGE, "laureats.csv"), "utf8")).not.toContain("essai local fictif");
    expect(writeRequests(server, mark)).toEqual([]);
    await expectRemoteEqualsLocal();
  });
});

describe("two runs started together against a slow server", () => {
  const expectOneRunPublishedTheOtherWaited = (runs: CliRun[]) => {
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const statuses = runs.map((run) => /aap-transformation-publique: (published|unchanged \(checked remote\))/.exec(run.stdout)?.[1]).sort();
    expect(statuses).toEqual(["published", "unchanged (checked remote)"]);
    expect(runs.some((run) => run.stderr.includes("another run is busy with this package"))).toBe(true);
  };

  it("in one process: no duplicate dataset or resource", async () => {
    server.faults.setLatency(40);
    expectOneRunPublishedTheOtherWaited(await Promise.all([nightly(), nightly()]));
    server.faults.setLatency(0);
    await expectRemoteEqualsLocal();
  });

  it("as two OS processes of the real CLI: no duplicate dataset or resource", async () => {
    server.faults.setLatency(40);
    expectOneRunPublishedTheOtherWaited(await Promise.all([aapProcess(["run"], { cwd: root, env }), aapProcess(["run"], { cwd: root, env })]));
    server.faults.setLatency(0);
    await expectRemoteEqualsLocal();
  }, 120_000);
});

describe("two datasets carry the package's marker", () => {
  it("the run fails, names both, and sends nothing", async () => {
    expect((await nightly()).code).toBe(0);
    const first = liveDatasets(server)[0]!;
    const twin = (await call(server, "POST", "/api/1/datasets/", { json: { title: first.title, description: first.description, organization: server.organizationId, extras: { "aap:package": BUNDLED_PACKAGE } } })).body as { id: string };
    const mark = server.requests.length;
    const result = await nightly(["--force"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(first.id);
    expect(result.stderr).toContain(twin.id);
    expect(result.stderr).toContain("nothing was sent rather than pick one");
    expect(writeRequests(server, mark)).toEqual([]);
  });
});

describe("under 20 % 5xx, 10 % 429 and 5 % connection resets", () => {
  it("the nightly converges, with no duplicate", async () => {
    server.faults.setRandomFaults({ seed: 20261204, serverError: 0.2, tooManyRequests: 0.1, reset: 0.05 });
    let result = await nightly();
    // A failed night is redone the next night, from what the server holds.
    for (let night = 2; result.code !== 0 && night <= 3; night++) result = await nightly();
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.filter((r) => r.fault).length).toBeGreaterThan(3);
    server.faults.setRandomFaults(undefined);
    await expectRemoteEqualsLocal();
    const mark = server.requests.length;
    expect((await nightly()).stdout).toContain("unchanged (checked remote)");
    expect(writeRequests(server, mark)).toEqual([]);
  }, 180_000);
});
