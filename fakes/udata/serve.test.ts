import { spawn, type ChildProcessByStdio } from "node:child_process";
import { dirname, resolve } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { aapProcess } from "../fixtures/aap-process.ts";
import { BUNDLED_PACKAGE, BUNDLED_PUBLISHED_KEYS, makeWorkspace } from "../fixtures/cli-workspace.ts";

/**
 * `npm run fake:datagouv` as a data team uses it: started in its own process, its URL and key read
 * from what it prints, then the real `aap` command publishes to it, as in the README's rehearsal.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Started {
  child: ChildProcessByStdio<null, Readable, Readable>;
  printed: () => string;
  settings: { url: string; apiKey: string; organization: string };
}

let started: Started | undefined;
afterEach(async () => {
  if (started) await stop(started);
  started = undefined;
});

/** Starts the tool as `npm run fake:datagouv -- …` in a process group of its own, and waits for its banner. */
function startFake(args: string[]): Promise<Started> {
  const child = spawn("npm", ["run", "--silent", "fake:datagouv", "--", ...args], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolvePromise, reject) => {
    child.once("exit", (code) => reject(new Error(`fake:datagouv exited with ${code} before it was ready: ${stderr}`)));
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      const field = (name: string) => new RegExp(`^  ${name}:\\s+(\\S+)$`, "m").exec(stdout)?.[1];
      const [url, apiKey, organization] = [field("url"), field("api key"), field("organization")];
      if (url && apiKey && organization && stdout.includes("Ctrl-C")) {
        resolvePromise({ child, printed: () => stdout, settings: { url, apiKey, organization } });
      }
    });
  });
}

/** Ctrl-C, as the user stops it: the whole group (npm and the tool) gets SIGINT. */
function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once("exit", () => resolvePromise());
    process.kill(-child.pid!, "SIGINT");
  });
}

describe("npm run fake:datagouv", () => {
  it("prints its URL, key and organization, takes a publication by the real aap command, and is gone after Ctrl-C", async () => {
    started = await startFake(["--latency", "1"]);
    const { url, apiKey, organization } = started.settings;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.printed()).toContain(`DATAGOUV_URL=${url} DATAGOUV_API_KEY=${apiKey} DATAGOUV_ORGANIZATION=${organization} npm run aap -- run`);

    const root = await makeWorkspace();
    const env = { DATAGOUV_URL: url, DATAGOUV_API_KEY: apiKey, DATAGOUV_ORGANIZATION: organization };
    const first = await aapProcess(["run"], { cwd: root, env });
    expect(first.code, first.stderr).toBe(0);

    const listing = (await (await fetch(`${url}/api/1/organizations/${organization}/datasets/`)).json()) as { data: { extras: Record<string, unknown>; resources: unknown[] }[] };
    expect(listing.data).toHaveLength(1);
    expect(listing.data[0]?.extras["aap:package"]).toBe(BUNDLED_PACKAGE);
    expect(listing.data[0]?.resources).toHaveLength(BUNDLED_PUBLISHED_KEYS.length);
    expect(started.printed()).toMatch(/POST \/api\/1\/datasets\/ → 201/);

    // A second night with nothing new sends no write.
    const writesBefore = started.printed().match(/^ {2}(POST|PUT|DELETE) /gm)?.length ?? 0;
    const second = await aapProcess(["run"], { cwd: root, env });
    expect(second.code, second.stderr).toBe(0);
    expect(started.printed().match(/^ {2}(POST|PUT|DELETE) /gm)?.length ?? 0).toBe(writesBefore);

    await stop(started);
    // npm may exit before the tool has closed its port: wait for the port to close.
    await expect.poll(() => fetch(`${url}/api/1/datasets/`).then(() => "listening", () => "closed"), { timeout: 10_000 }).toBe("closed");
  });

  it("refuses a bad option with its usage and exit code 2", async () => {
    const child = spawn("npm", ["run", "--silent", "fake:datagouv", "--", "--faults", "2"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const code = await new Promise((done) => child.once("exit", done));
    expect(code).toBe(2);
    expect(stderr).toContain('--faults expects a share between 0 and 1, e.g. 0.1, got "2"');
    expect(stderr).toContain("Usage: npm run fake:datagouv");
  });
});
