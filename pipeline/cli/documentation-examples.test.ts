import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { liveDatasets, writeRequests } from "../../fakes/fixtures/publish-workspace.ts";
import { call } from "../../fakes/udata/test-client.ts";
import { startUdataServer, type UdataServer } from "../../fakes/udata/udata-server.ts";

/** The commands of the documentation's reuse section (its `sh` code blocks), as a reader would copy them. */
function shellCommands(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.trim().split("\n"));
}

const urlsIn = (line: string) => [...line.matchAll(/https?:\/\/[^\s'"()]+/g)].map((match) => match[0]);

describe("the documentation's reuse examples, after a publication to a udata-compatible server on 127.0.0.1", () => {
  let server: UdataServer;
  let root: string;
  let doc: string;

  beforeAll(async () => {
    server = await startUdataServer();
    root = await makeWorkspace();
    const env = { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId };
    const result = await aap(["run"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    doc = await readFile(join(root, "output", BUNDLED_PACKAGE, "documentation.md"), "utf8");
  });
  afterAll(() => server.close());

  it("name the dataset by the id data.gouv.fr gave it, on the first publication already", () => {
    const dataset = liveDatasets(server)[0]!;
    expect(doc).not.toContain("pas encore publié");
    expect(doc).toContain(`curl -s ${server.url}/api/1/datasets/${dataset.id}/ | jq '.resources[] | {title, latest}'`);
    expect(doc).not.toMatch(/npx|aap validate/);
  });

  it("curl: every URL answers 200, the dataset URL with this very dataset, each file URL with the file published", async () => {
    const dataset = liveDatasets(server)[0]!;
    const curls = shellCommands(doc).filter((line) => line.startsWith("curl "));
    // The dataset, then each file offered: three tables and the descriptor (the SCDL export of the bundled data has no row: withheld).
    expect(curls.length).toBeGreaterThanOrEqual(5);
    for (const line of curls) {
      const [url] = urlsIn(line);
      const response = await fetch(url!);
      expect(response.status, line).toBe(200);
      const saved = /-o (\S+)/.exec(line)?.[1];
      if (saved === undefined) {
        const body = (await response.json()) as { id: string; extras: Record<string, unknown> };
        expect(body.id).toBe(dataset.id);
        expect(body.extras["aap:package"]).toBe(BUNDLED_PACKAGE);
      } else {
        const served = Buffer.from(await response.arrayBuffer());
        expect(served.equals(await readFile(join(root, "output", BUNDLED_PACKAGE, saved))), saved).toBe(true);
      }
    }
  });

  it("pandas and R read the lauréats from an address that answers with the published CSV", async () => {
    const readers = shellCommands(doc).filter((line) => line.startsWith("python3 ") || line.startsWith("Rscript "));
    expect(readers).toHaveLength(2);
    for (const line of readers) {
      const response = await fetch(urlsIn(line)[0]!);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(await readFile(join(root, "output", BUNDLED_PACKAGE, "laureats.csv"), "utf8"));
    }
  });

  it("are in the documentation resource's description on data.gouv.fr too, and the HTML page stays off data.gouv.fr", async () => {
    const dataset = liveDatasets(server)[0]!;
    const resource = dataset.resources.find((r) => r.extras?.["aap:key"] === "documentation.md")!;
    expect(resource.description).toContain(`${server.url}/api/1/datasets/${dataset.id}/`);
    expect(dataset.resources.some((r) => String(r.extras?.["aap:key"]).endsWith(".html"))).toBe(false);
    const html = await readFile(join(root, "output", BUNDLED_PACKAGE, "documentation.html"), "utf8");
    expect(html).toContain(`${server.url}/api/1/datasets/${dataset.id}/`);
  });

  it("stay the same on the next night: nothing is sent again", async () => {
    const before = server.requests.length;
    const env = { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId };
    const result = await aap(["run", "--force"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    expect(writeRequests(server, before)).toEqual([]);
  });

  it("follow a file that the next night's repair puts back under a new id", async () => {
    const dataset = liveDatasets(server)[0]!;
    const deleted = dataset.resources.find((r) => r.extras?.["aap:key"] === "laureats.csv")!;
    await call(server, "DELETE", `/api/1/datasets/${dataset.id}/resources/${deleted.id}/`);
    const env = { DATAGOUV_URL: server.url, DATAGOUV_API_KEY: server.apiKey, DATAGOUV_ORGANIZATION: server.organizationId };
    const result = await aap(["run"], { cwd: root, env });
    expect(result.code, result.stderr).toBe(0);
    const again = await readFile(join(root, "output", BUNDLED_PACKAGE, "documentation.md"), "utf8");
    const current = liveDatasets(server)[0]!.resources.find((r) => r.extras?.["aap:key"] === "laureats.csv")!;
    expect(again).not.toContain(deleted.id);
    const line = shellCommands(again).find((command) => command.startsWith("curl -sL -o laureats.csv"))!;
    expect(line).toBe(`curl -sL -o laureats.csv ${server.url}/api/1/datasets/r/${current.id}`);
    expect((await fetch(urlsIn(line)[0]!)).status).toBe(200);
  });
});
