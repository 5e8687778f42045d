import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith } from "../../../fakes/fixtures/temp-folder.ts";
import { CHANGE_HISTORY_RUNS } from "./change-history.ts";
import { computePackageChanges, summariseRun } from "./compute-changes.ts";
import { saveSnapshot } from "./published-snapshot.ts";

/** One night: write the table, compare with the stored version, store it as a run would. */
async function publish(dir: string, at: string, csv: string, primaryKey = ["id"]) {
  const path = join(dir, "laureats.csv");
  await writeFile(path, csv);
  const tables = [{ table: "laureats", primaryKey, path }];
  const changes = await computePackageChanges({ package: "paquet-fictif", at, snapshotDir: join(dir, "state"), tables });
  if (changes.record) await saveSnapshot(join(dir, "state"), at, tables, changes.history.runs);
  return changes;
}

const at = (day: number) => `2026-01-${String(day).padStart(2, "0")}T02:00:00.000Z`;

describe("computePackageChanges", () => {
  it("keeps the last CHANGE_HISTORY_RUNS runs that changed something, newest first, and one stored version", async () => {
    const dir = await folderWith({});
    for (let day = 1; day <= CHANGE_HISTORY_RUNS + 3; day++) {
      await publish(dir, at(day), `id,montant\nlaureat-fictif-1,${day}\n`);
    }
    const last = await publish(dir, at(20), `id,montant\nlaureat-fictif-1,${CHANGE_HISTORY_RUNS + 3}\n`);
    expect(last.record).toBe(false);
    expect(last.run.previousAt).toBe(at(CHANGE_HISTORY_RUNS + 3));
    expect(last.history.runs).toHaveLength(CHANGE_HISTORY_RUNS);
    expect(last.history.runs[0]!.at).toBe(at(CHANGE_HISTORY_RUNS + 3));
    expect(last.history.runs[0]!.tables[0]!.modified[0]).toEqual({
      key: { id: "laureat-fictif-1" },
      changes: [{ field: "montant", before: String(CHANGE_HISTORY_RUNS + 2), after: String(CHANGE_HISTORY_RUNS + 3) }],
    });
    expect((await readdir(join(dir, "state"))).filter((entry) => entry.startsWith("v-"))).toHaveLength(1);
  });

  it("tells a primary key that changed shape, from the stored (gzipped) version", async () => {
    const dir = await folderWith({});
    await publish(dir, at(1), "id,appel_id,montant\nl-1,a-1,10\nl-2,a-1,20\n");
    const changes = await publish(dir, at(2), "id,appel_id,montant\nl-1,a-1,10\nl-2,a-1,25\n", ["appel_id", "id"]);
    const table = changes.run.tables[0]!;
    expect(table).toMatchObject({ primaryKey: ["appel_id", "id"], previousPrimaryKey: ["id"], counts: { added: 0, removed: 0, modified: 1 } });
  });

  it("lists a table that left the package as removed", async () => {
    const dir = await folderWith({});
    await publish(dir, at(1), "id\nl-1\n");
    const changes = await computePackageChanges({ package: "paquet-fictif", at: at(2), snapshotDir: join(dir, "state"), tables: [] });
    expect(changes.run.tables).toMatchObject([{ table: "laureats", counts: { added: 0, removed: 1, modified: 0 } }]);
  });

  it("refuses a stored version it cannot read, with the folder to remove", async () => {
    const dir = await folderWith({});
    await publish(dir, at(1), "id\nl-1\n");
    const [version] = (await readdir(join(dir, "state"))).filter((entry) => entry.startsWith("v-"));
    await writeFile(join(dir, "state", version!, "laureats.csv.gz"), "pas du gzip");
    const error = await publish(dir, at(2), "id\nl-2\n").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "state-error", hint: expect.stringContaining(join(dir, "state")) });
  });

  it("summarises a run for the report: a few rows per list, counts untouched", async () => {
    const dir = await folderWith({});
    const rows = Array.from({ length: 8 }, (_, i) => `l-${i}`).join("\n");
    const summary = summariseRun((await publish(dir, at(1), `id\n${rows}\n`)).run, 3);
    expect(summary.tables[0]).toMatchObject({ counts: { added: 8 }, truncated: true });
    expect(summary.tables[0]!.added).toHaveLength(3);
  });
});
