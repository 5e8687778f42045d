import { describe, expect, it } from "vitest";
import type { ModifiedRow, Row, TableChanges } from "./change-history.ts";
import { diffTable, type TableVersion } from "./diff-table.ts";
import { RowHashTable, rowDigest } from "./row-hash-table.ts";

/**
 * The diff keeps hashes, not rows: on many rows it must find what a diff holding both tables
 * whole finds. The oracle below is that plain diff (both tables in Maps), written for the test.
 */
function oracle(table: string, before: Row[], after: Row[], limit: number): TableChanges {
  const key = (row: Row) => row.id!;
  const previous = new Map(before.map((row) => [key(row), row]));
  const seen = new Set<string>();
  const added: Row[] = [];
  const modified: ModifiedRow[] = [];
  let modifiedCount = 0;
  for (const row of after) {
    seen.add(key(row));
    const old = previous.get(key(row));
    if (!old) {
      added.push(row);
      continue;
    }
    const fields = [...new Set([...Object.keys(row), ...Object.keys(old)])];
    const changes = fields.filter((f) => (old[f] ?? "") !== (row[f] ?? "")).map((f) => ({ field: f, before: old[f] ?? "", after: row[f] ?? "" }));
    if (changes.length === 0) continue;
    modifiedCount++;
    modified.push({ key: { id: key(row) }, changes });
  }
  const removed = before.filter((row) => !seen.has(key(row)));
  const counts = { added: added.length, removed: removed.length, modified: modifiedCount };
  const truncated = counts.added > limit || counts.removed > limit || counts.modified > limit;
  return { table, primaryKey: ["id"], counts, added: added.slice(0, limit), removed: removed.slice(0, limit), modified: modified.slice(0, limit), truncated };
}

/** A deterministic generator (no Math.random): the same fictive rows on every run. */
function* numbers(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    yield state;
  }
}

function version(rows: Row[]): TableVersion {
  return {
    primaryKey: ["id"],
    rows: async function* () {
      yield* rows;
    },
  };
}

describe("diffTable on many rows", () => {
  it("finds the same added, removed and modified rows, in the same order, as a diff holding both tables", async () => {
    const random = numbers(42);
    const next = () => random.next().value as number;
    const before: Row[] = Array.from({ length: 12_000 }, (_, i) => ({ id: `laureat-fictif-${i}`, montant: String(next() % 100_000), statut: next() % 2 ? "En cours" : "" }));
    const after: Row[] = [];
    for (const row of before) {
      const dice = next() % 100;
      if (dice < 3) continue; // removed
      if (dice < 6) after.push({ ...row, montant: String(Number(row.montant) + 1) });
      else if (dice < 8) after.push({ ...row, statut: row.statut === "" ? "Terminé" : "" });
      else after.push(row);
      if (dice === 99) after.push({ id: `laureat-fictif-nouveau-${after.length}`, montant: "10", statut: "" });
    }
    // Another order: rows are matched by key, not by position.
    after.reverse();
    for (const limit of [50, 2000]) {
      const changes = await diffTable("laureats", version(before), version(after), limit);
      expect(changes).toEqual(oracle("laureats", before, after, limit));
    }
    const changes = await diffTable("laureats", version(before), version(after), 50);
    expect(changes.counts.removed).toBeGreaterThan(200);
    expect(changes.counts.modified).toBeGreaterThan(400);
    expect(changes.counts.added).toBeGreaterThan(50);
  });
});

describe("RowHashTable", () => {
  it("tells a known key from a new one through many resizes, matches each key once, and lists the unmatched in file order", () => {
    const table = new RowHashTable();
    let added = 0;
    for (let i = 1; i <= 50_000; i++) if (table.add(`cle-${i}`, rowDigest(`ligne ${i}`), i)) added++;
    expect(added).toBe(50_000);
    expect(table.add("cle-7", rowDigest("autre"), 50_001)).toBe(false);
    expect(table.size).toBe(50_000);
    expect(table.match("cle-inconnue", rowDigest("x"))).toBeUndefined();
    expect(table.match("cle-10", rowDigest("ligne 10"))).toEqual({ same: true, index: 10 });
    expect(table.match("cle-10", rowDigest("ligne 10"))).toBeUndefined();
    expect(table.match("cle-20", rowDigest("ligne 20 modifiée"))).toEqual({ same: false, index: 20 });
    for (let i = 1; i <= 50_000; i += 2) table.match(`cle-${i}`, rowDigest(`ligne ${i}`));
    const unmatched = table.unmatched(4);
    expect(unmatched).toEqual({ count: 50_000 / 2 - 2, first: [2, 4, 6, 8] });
  });
});
