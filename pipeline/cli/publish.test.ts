import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveDatasets, writeRequests as writes } from "../../fakes/fixtures/publish-workspace.ts";
import type { UdataServer } from "../../fakes/udata/udata-server.ts";
import { publishingNight } from "../../fakes/fixtures/publishing-night.ts";
import { aap, BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS } from "../../fakes/fixtures/cli-workspace.ts";

describe("aap run → data.gouv.fr (a udata-compatible server on 127.0.0.1)", () => {
  let server: UdataServer;
  let root: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ server, root, env } = await publishingNight());
  });
  afterAll(async () => {
    await server.close();
  });

  it("publishes the bundled package: every file served back byte for byte as in output/", async () => {
    const result = await aap(["run", "--log-format", "json"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    const datasets = liveDatasets(server);
    expect(datasets).toHaveLength(1);
    const dataset = datasets[0]!;
    expect(dataset).toMatchObject({ license: "lov2", frequency: "daily", private: false, organization: { id: server.organizationId } });
    expect(dataset.extras).toMatchObject({ "aap:package": BUNDLED_PACKAGE });
    const keys = dataset.resources.map((r) => r.extras?.["aap:key"]);
    expect(keys).toEqual(BUNDLED_PUBLISHED_KEYS);
    expect(dataset.resources.find((r) => r.extras?.["aap:key"] === "documentation.md")?.type).toBe("documentation");
    for (const resource of dataset.resources) {
      const served = Buffer.from(await (await fetch(resource.url)).arrayBuffer());
      const local = await readFile(join(root, "output", BUNDLED_PACKAGE, String(resource.extras?.["aap:key"])));
      expect(served.equals(local), String(resource.extras?.["aap:key"])).toBe(true);
    }
    // The key never reaches a file we write.
    for (const file of [".aap/publication.json", "output/run-report.json", "output/run-report.md"]) {
      expect(await readFile(join(root, file), "utf8")).not.toContain(server.apiKey);
    }
    expect(result.stderr).not.toContain(server.apiKey);
  });

  it("sends nothing on a second night with no change", async () => {
    const before = server.requests.length;
    const result = await aap(["run", "--force"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    expect(writes(server, before)).toEqual([]);
    expect(result.stderr).toContain("already up to date: nothing sent");
  });

  it("replaces exactly the changed files, on the same resource ids", async () => {
    const dataset = liveDatasets(server)[0]!;
    const idOf = (key: string) => dataset.resources.find((r) => r.extras?.["aap:key"] === key)!.id;
    const source = join(root, "datapackages", BUNDLED_PACKAGE, "sources", "laureats.csv");
    const lines = (await readFile(source, "latin1")).split("\r\n");
    // A fictitious comment on the first lauréat: the lauréats table changes, and so does the descriptor that hashes it.
    lines[1] = `${lines[1]} (commentaire de test)`;
    await writeFile(source, lines.join("\r\n"), "latin1");
    const before = server.requests.length;
    const result = await aap(["run"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    const uploads = writes(server, before).filter((r) => r.method === "POST" && r.path.endsWith("/upload/"));
    const uploaded = new Set(uploads.map((r) => r.path.split("/resources/")[1]?.split("/")[0]));
    expect(uploaded.has(idOf("laureats.csv"))).toBe(true);
    expect(uploaded.has(idOf("datapackage.json"))).toBe(true);
    expect(uploaded.has(idOf("appels.csv"))).toBe(false);
    expect(uploaded.has(idOf("programmes.csv"))).toBe(false);
    expect(uploaded.has(undefined)).toBe(false); // no new resource: replaced in place
    const after = liveDatasets(server)[0]!;
    expect(after.resources.map((r) => r.id).sort()).toEqual(dataset.resources.map((r) => r.id).sort());
  });

  it("exits 1 with a clear message when the key is refused, and never prints it", async () => {
    const wrongKey = "udata_cle-fictive-refusee-0000";
    const result = await aap(["run", "--force"], { cwd: root, env: { ...env, DATAGOUV_API_KEY: wrongKey } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/401|DATAGOUV_API_KEY/);
    expect(result.stderr + result.stdout).not.toContain(wrongKey);
  });
});
