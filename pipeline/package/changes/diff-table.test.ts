import { describe, expect, it } from "vitest";
import type { Row } from "./change-history.ts";
import { diffTable, hasChanges, type TableVersion } from "./diff-table.ts";

function version(rows: Row[], primaryKey: string[] = ["id"]): TableVersion & { reads: number } {
  const v = {
    primaryKey,
    reads: 0,
    rows: async function* () {
      v.reads++;
      yield* rows;
    },
  };
  return v;
}

const before: Row[] = [
  { id: "laureat-fictif-1", titre: "Projet fictif A", montant: "1000" },
  { id: "laureat-fictif-2", titre: "Projet fictif B", montant: "" },
  { id: "laureat-fictif-3", titre: "Projet fictif C", montant: "300" },
];

describe("diffTable", () => {
  it("on a first version, every row is added", async () => {
    const changes = await diffTable("laureats", undefined, version(before), 50);
    expect(changes.counts).toEqual({ added: 3, removed: 0, modified: 0 });
    expect(changes.added).toEqual(before);
    expect(changes.truncated).toBe(false);
  });

  it("on a first version whose rows were counted, reads only the rows the list keeps and reports the count", async () => {
    const many: Row[] = Array.from({ length: 500 }, (_, i) => ({ id: `laureat-fictif-${i}`, titre: `Projet fictif ${i}` }));
    let pulled = 0;
    const counted: TableVersion = {
      primaryKey: ["id"],
      count: many.length,
      rows: async function* () {
        for (const row of many) {
          pulled++;
          yield row;
        }
      },
    };
    const changes = await diffTable("laureats", undefined, counted, 50);
    expect(changes.counts).toEqual({ added: 500, removed: 0, modified: 0 });
    expect(changes.added).toEqual(many.slice(0, 50));
    expect(changes.truncated).toBe(true);
    expect(pulled).toBeLessThanOrEqual(51);
  });

  it("finds the added, removed and modified rows by primary key, with each modified field's before and after", async () => {
    const after: Row[] = [
      { id: "laureat-fictif-1", titre: "Projet fictif A", montant: "1000" },
      { id: "laureat-fictif-2", titre: "Projet fictif B (renommé)", montant: "250" },
      { id: "laureat-fictif-4", titre: "Projet fictif D", montant: "" },
    ];
    const changes = await diffTable("laureats", version(before), version(after), 50);
    expect(changes.counts).toEqual({ added: 1, removed: 1, modified: 1 });
    expect(changes.added).toEqual([after[2]]);
    expect(changes.removed).toEqual([before[2]]);
    expect(changes.modified).toEqual([
      {
        key: { id: "laureat-fictif-2" },
        changes: [
          { field: "titre", before: "Projet fictif B", after: "Projet fictif B (renommé)" },
          { field: "montant", before: "", after: "250" },
        ],
      },
    ]);
    expect(changes.primaryKey).toEqual(["id"]);
    expect(changes.previousPrimaryKey).toBeUndefined();
  });

  it("gives zero changes for the same rows, in another order or with an empty column added", async () => {
    const same = [before[2]!, before[0]!, { ...before[1]!, commentaire: "" }];
    const previous = version(before);
    const changes = await diffTable("laureats", previous, version(same), 50);
    expect(changes.counts).toEqual({ added: 0, removed: 0, modified: 0 });
    expect(hasChanges([changes])).toBe(false);
    // Nothing to show: the previous rows are not read a second time.
    expect(previous.reads).toBe(1);
  });

  it("keeps exact counts but bounded lists, and says so", async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ id: `laureat-fictif-${100 + i}`, titre: "x", montant: "" }));
    const changes = await diffTable("laureats", version(before), version(many), 10);
    expect(changes.counts).toEqual({ added: 120, removed: 3, modified: 0 });
    expect(changes.added).toHaveLength(10);
    expect(changes.added[0]).toEqual(many[0]);
    expect(changes.removed).toHaveLength(3);
    expect(changes.truncated).toBe(true);
  });

  it("matches by the new primary key when the key changes shape and the old rows have its fields", async () => {
    const previous = version(before.map((row) => ({ ...row, appel_id: "appel-fictif" })), ["id"]);
    const next = version([{ id: "laureat-fictif-1", appel_id: "appel-fictif", titre: "Projet fictif A", montant: "1200" }], ["appel_id", "id"]);
    const changes = await diffTable("laureats", previous, next, 50);
    expect(changes.primaryKey).toEqual(["appel_id", "id"]);
    expect(changes.previousPrimaryKey).toEqual(["id"]);
    expect(changes.counts).toEqual({ added: 0, removed: 2, modified: 1 });
    expect(changes.modified[0]).toEqual({ key: { appel_id: "appel-fictif", id: "laureat-fictif-1" }, changes: [{ field: "montant", before: "1000", after: "1200" }] });
  });

  it("counts every row removed and added when the old rows lack a field of the new key", async () => {
    const next = version([{ code: "A", titre: "Projet fictif A", montant: "1000" }], ["code"]);
    const changes = await diffTable("laureats", version(before), next, 50);
    expect(changes.previousPrimaryKey).toEqual(["id"]);
    expect(changes.counts).toEqual({ added: 1, removed: 3, modified: 0 });
  });

  it("matches whole rows in a table without a primary key, and lists a dropped table's rows as removed", async () => {
    const rows: Row[] = [{ objet: "Projet fictif A", montant: "10" }, { objet: "Projet fictif B", montant: "20" }];
    const changes = await diffTable("subventions", version(rows, []), version([rows[0]!, { objet: "Projet fictif B", montant: "25" }], []), 50);
    expect(changes.counts).toEqual({ added: 1, removed: 1, modified: 0 });
    const dropped = await diffTable("subventions", version(rows, []), undefined, 50);
    expect(dropped.counts).toEqual({ added: 0, removed: 2, modified: 0 });
  });
});
