import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { startStaticServer, type StaticServer } from "../../fakes/sources/static/static-server.ts";
import type { Declaration, SourceDeclaration } from "../declaration/types.ts";
import type { SourceRecord } from "../extract/types.ts";
import type { LogEvent, Logger } from "../log/logger.ts";
import type { StateDocument } from "../state/store.ts";
import { extractPackage, type ExtractedResource, type ExtractOptions } from "./extract-package.ts";
import { loadDeclarations } from "./run.ts";

/** The bundled package, copied into a workspace: four tables, one of them fed by two sources, one derived. */
let root: string;
let declaration: Declaration;
beforeAll(async () => {
  root = await makeWorkspace();
  declaration = (await loadDeclarations(join(root, "datapackages"), [BUNDLED_PACKAGE], root))[0]!;
});
afterAll(() => rm(root, { recursive: true, force: true }));

function options(patch: Partial<ExtractOptions> & { stateDir?: string } = {}): ExtractOptions & { events: LogEvent[]; progressLines: string[] } {
  const events: LogEvent[] = [];
  const progressLines: string[] = [];
  const logger: Logger = { log: (event) => events.push(event), progress: (message) => progressLines.push(message) };
  return { stateDir: join(root, ".aap"), savedStates: {}, env: {}, force: false, logger, events, progressLines, ...patch };
}

/** What a successful run saves: each source's next state under its key (once its records are read). */
function savedStatesOf(extracted: ReadResource[]): StateDocument {
  return Object.fromEntries(extracted.map((e) => [e.stateKey, e.nextState()]));
}

type ReadResource = Omit<ExtractedResource, "records"> & { records: SourceRecord[] };

/** Sources opened, then their records read whole, as the transform stage would pull them. */
async function extractAll(declaration: Declaration, options: ExtractOptions): Promise<ReadResource[]> {
  const read: ReadResource[] = [];
  for (const e of await extractPackage(declaration, options)) {
    const records: SourceRecord[] = [];
    for await (const record of e.records) records.push(record);
    read.push({ ...e, records });
  }
  return read;
}

/** The same declaration with one resource's sources replaced. */
function withSources(name: string, sources: SourceDeclaration[]): Declaration {
  return {
    ...declaration,
    resources: declaration.resources.map((resource) => {
      if (resource.name !== name) return resource;
      if (sources.length === 1) return { ...resource, source: sources[0] };
      return { ...resource, inputs: sources.map((source, i) => ({ source, mapping: resource.inputs?.[i]?.mapping ?? {} })) };
    }),
  };
}

const laureatsSources = () => declaration.resources.find((r) => r.name === "laureats")!.inputs!.map((input) => input.source);

describe("extractPackage", () => {
  it("reads every source of every resource, in declaration order, with its provenance; a derived table has none", async () => {
    const extracted = await extractAll(declaration, options());
    expect(extracted.map((e) => [e.name, e.input])).toEqual([["programmes", 0], ["appels", 0], ["laureats", 0], ["laureats", 1]]);
    expect(extracted.map((e) => e.provenance().source)).toEqual([
      "sources/programmes.csv",
      "sources/appels.csv",
      "sources/laureats.csv",
      "sources/itn5_donnees_aap1_laureats_2021-03-03.csv",
    ]);
    for (const e of extracted) {
      expect(e.records.length, e.provenance().source).toBeGreaterThan(0);
      expect(e.provenance()).toMatchObject({ connector: "file", records: e.records.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(e.changed).toBe(true);
    }
    expect(extracted[1]!.records[0]).toMatchObject({ Identifiant: "france-relance-itn1", __rowNumber: 2 });
  });

  it("keys a lone source by its resource, and each of several sources by its own options, whatever their order", async () => {
    const extracted = await extractAll(declaration, options());
    const keys = extracted.map((e) => e.stateKey);
    expect(keys.slice(0, 2)).toEqual([`${BUNDLED_PACKAGE}/programmes`, `${BUNDLED_PACKAGE}/appels`]);
    expect(keys[2]).toMatch(new RegExp(`^${BUNDLED_PACKAGE}/laureats/file-[0-9a-f]{12}$`));
    expect(keys[3]).toMatch(new RegExp(`^${BUNDLED_PACKAGE}/laureats/file-[0-9a-f]{12}$`));
    expect(keys[2]).not.toBe(keys[3]);
    const reordered = await extractAll(withSources("laureats", [...laureatsSources()].reverse()), options());
    const keyOf = (list: ExtractedResource[], source: string) => list.find((e) => e.provenance().source === source)!.stateKey;
    for (const source of ["sources/laureats.csv", "sources/itn5_donnees_aap1_laureats_2021-03-03.csv"]) {
      expect(keyOf(reordered, source)).toBe(keyOf(extracted, source));
    }
  });

  it("hands each connector its saved state, so unchanged sources are known as such; --force forgets it", async () => {
    const first = await extractAll(declaration, options());
    const again = await extractAll(declaration, options({ savedStates: savedStatesOf(first) }));
    expect(again.map((e) => e.changed)).toEqual([false, false, false, false]);
    expect(again.map((e) => e.records.length)).toEqual(first.map((e) => e.records.length));
    const forced = await extractAll(declaration, options({ savedStates: savedStatesOf(first), force: true }));
    expect(forced.map((e) => e.changed)).toEqual([true, true, true, true]);
  });

  describe("a source on the web", () => {
    let server: StaticServer;
    beforeAll(async () => {
      server = await startStaticServer({ "/appels.csv": { body: await readFile(join(declaration.dir, "sources", "appels.csv")), contentType: "text/csv" } });
    });
    afterAll(() => server.close());

    it("is cached in the state folder under the source's key, and replayed from there when the server says 304", async () => {
      const remote = withSources("appels", [{ connector: "file", url: `${server.url}/appels.csv`, format: "csv", encoding: "utf-8", dialect: { delimiter: ";" } }]);
      const stateDir = join(root, ".aap-remote");
      const first = await extractAll(remote, options({ stateDir }));
      const appels = first.find((e) => e.name === "appels")!;
      expect(appels.provenance().source).toBe(`${server.url}/appels.csv`);
      expect(await readdir(join(stateDir, "cache", BUNDLED_PACKAGE, "appels"))).not.toEqual([]);
      const again = await extractAll(remote, options({ stateDir, savedStates: savedStatesOf(first) }));
      expect(server.requests.map((r) => r.status)).toEqual([200, 304]);
      const replayed = again.find((e) => e.name === "appels")!;
      expect(replayed.changed).toBe(false);
      expect(replayed.records).toEqual(appels.records);
    });
  });

  it("shows progress every 1,000 records of a large source, then clears the status line", async () => {
    const lines = ["Identifiant;Nom", ...Array.from({ length: 25_000 }, (_, i) => `programme-fictif-${i};Programme fictif ${i}`)];
    await writeFile(join(declaration.dir, "sources", "grand.csv"), `${lines.join("\n")}\n`);
    const large = withSources("programmes", [{ connector: "file", path: "sources/grand.csv", format: "csv", encoding: "utf-8", dialect: { delimiter: ";" } }]);
    const run = options();
    const extracted = await extractAll(large, run);
    expect(extracted[0]!.records).toHaveLength(25_000);
    // The rate, once half a second has passed, follows the count: only the count is certain.
    const counts = run.progressLines.flatMap((line) => /^extract programmes: ([\d,]+) rows/.exec(line)?.[1] ?? []);
    expect(counts).toEqual(Array.from({ length: 25 }, (_, i) => (1000 * (i + 1)).toLocaleString("en")));
    expect(run.progressLines.at(-1)).toBe("");
  });

  it("opens the sources without reading them: records stream to whoever pulls them, and the state waits for the last one", async () => {
    const opened = await extractPackage(declaration, options());
    const appels = opened.find((e) => e.name === "appels")!;
    expect(appels.provenance()).toMatchObject({ source: "sources/appels.csv", records: 0, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(() => appels.nextState()).toThrow(/before all records were read/);
    let count = 0;
    for await (const _record of appels.records) count++;
    expect(appels.provenance().records).toBe(count);
    expect(appels.nextState()).toHaveProperty("sha256");
  });
});
