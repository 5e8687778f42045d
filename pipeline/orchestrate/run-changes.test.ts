import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import type { ChangeHistory } from "../package/changes/change-history.ts";
import { CHANGES_FILE } from "./build-package.ts";
import { loadDeclarations, runPackages, RUN_REPORT_MARKDOWN } from "./run.ts";
import { localRunRequest } from "../../fakes/fixtures/run-request.ts";

/** "What changed", night after night, through the real stages on a copy of the bundled data, with an injected clock. */
let root: string;
const laureats = () => join(root, "datapackages", BUNDLED_PACKAGE, "sources", "laureats.csv");
const stateFile = () => join(root, ".aap", "changes", BUNDLED_PACKAGE, "current.json");
const changesJson = async () => JSON.parse(await readFile(join(root, "output", BUNDLED_PACKAGE, CHANGES_FILE), "utf8")) as ChangeHistory;

async function night(at: string, force = false) {
  const request = localRunRequest(root, { packages: [BUNDLED_PACKAGE], force, now: () => new Date(at) });
  const result = await runPackages(request, await loadDeclarations(request.datapackagesDir, [BUNDLED_PACKAGE], root));
  return result.packages[0]!;
}

/** The source is windows-1252: latin1 keeps its bytes as they are. */
async function editLaureats(edit: (lines: string[]) => string[]): Promise<void> {
  const text = await readFile(laureats(), "latin1");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  await writeFile(laureats(), edit(text.split(eol)).join(eol), "latin1");
}

beforeAll(async () => {
  root = await makeWorkspace();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("what changed since the previous publication", () => {
  const ids: string[] = [];

  it("first publication: no previous version, every row added, recorded in the state", async () => {
    const outcome = await night("2026-03-01T02:00:00.000Z");
    expect(outcome.status).toBe("built");
    const history = await changesJson();
    expect(history.package).toBe(BUNDLED_PACKAGE);
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]).toMatchObject({ at: "2026-03-01T02:00:00.000Z", previousAt: null });
    const table = history.runs[0]!.tables.find((t) => t.table === "laureats")!;
    expect(table.primaryKey).toEqual(["id"]);
    expect(table.counts).toEqual({ added: table.added.length, removed: 0, modified: 0 });
    expect(table.counts.added).toBeGreaterThan(5);
    ids.push(...table.added.map((row) => row.id!));
    expect(outcome.changes?.tables.find((t) => t.table === "laureats")?.added).toHaveLength(5);
    expect(JSON.parse(await readFile(stateFile(), "utf8"))).toMatchObject({ at: "2026-03-01T02:00:00.000Z" });
  });

  it("finds the lauréat added, the one removed and the one modified, by primary key, and says so in the run report", async () => {
    await editLaureats((lines) => {
      const [header, modified, removed, copied, ...rest] = lines;
      const title = header!.split(";").indexOf("Projet");
      const changed = modified!.split(";");
      changed[title] = "Titre fictif modifie";
      const added = copied!.split(";");
      added[0] = "laureat-fictif-ajoute";
      added[title] = "Projet fictif ajoute";
      expect(removed).toBeDefined();
      return [header!, changed.join(";"), copied!, added.join(";"), ...rest];
    });
    const outcome = await night("2026-03-02T02:00:00.000Z");
    expect(outcome.status).toBe("built");
    const history = await changesJson();
    expect(history.runs.map((run) => [run.at, run.previousAt])).toEqual([
      ["2026-03-02T02:00:00.000Z", "2026-03-01T02:00:00.000Z"],
      ["2026-03-01T02:00:00.000Z", null],
    ]);
    const table = history.runs[0]!.tables.find((t) => t.table === "laureats")!;
    expect(table.counts).toEqual({ added: 1, removed: 1, modified: 1 });
    expect(table.added[0]).toMatchObject({ id: "laureat-fictif-ajoute", titre: "Projet fictif ajoute" });
    expect(table.removed[0]!.id).toBe(ids[1]);
    expect(table.modified[0]!.key).toEqual({ id: ids[0] });
    expect(table.modified[0]!.changes).toContainEqual(expect.objectContaining({ field: "titre", after: "Titre fictif modifie" }));
    expect(history.runs[0]!.tables.find((t) => t.table === "programmes")!.counts).toEqual({ added: 0, removed: 0, modified: 0 });
    const report = await readFile(join(root, "output", RUN_REPORT_MARKDOWN), "utf8");
    expect(report).toContain("Ce qui a changé depuis la version du 2026-03-01T02:00:00.000Z :");
    expect(report).toContain("| laureats | 1 | 1 | 1 |");
    expect(report).toContain("- laureats, ajoutée : laureat-fictif-ajoute");
  });

  it("an unchanged night, even rebuilt from a fresh checkout with no output/, gives zero changes and keeps the history", async () => {
    const before = await readFile(stateFile(), "utf8");
    await rm(join(root, "output"), { recursive: true, force: true });
    const outcome = await night("2026-03-03T02:00:00.000Z", true);
    expect(outcome.status).toBe("built");
    expect(outcome.changes?.previousAt).toBe("2026-03-02T02:00:00.000Z");
    expect(outcome.changes?.tables.every((t) => t.counts.added + t.counts.removed + t.counts.modified === 0)).toBe(true);
    expect((await changesJson()).runs.map((run) => run.at)).toEqual(["2026-03-02T02:00:00.000Z", "2026-03-01T02:00:00.000Z"]);
    expect(await readFile(stateFile(), "utf8")).toBe(before);
  });

  it("a run that fails validation records nothing: neither the state nor the published changes.json move", async () => {
    const state = await readFile(stateFile(), "utf8");
    const published = await readFile(join(root, "output", BUNDLED_PACKAGE, CHANGES_FILE), "utf8");
    await editLaureats((lines) => {
      const amount = lines[0]!.split(";").findIndex((label) => label.startsWith("Montant accord"));
      const cells = lines[1]!.split(";");
      cells[amount] = "beaucoup";
      return [lines[0]!, cells.join(";"), ...lines.slice(2)];
    });
    const outcome = await night("2026-03-04T02:00:00.000Z");
    expect(outcome.status).toBe("invalid");
    expect(outcome.changes).toBeUndefined();
    expect(await readFile(stateFile(), "utf8")).toBe(state);
    expect(await readFile(join(root, "output", BUNDLED_PACKAGE, CHANGES_FILE), "utf8")).toBe(published);
  });
});
