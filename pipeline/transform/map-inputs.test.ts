import { describe, expect, it } from "vitest";
import type { Schema } from "../frictionless/index.ts";
import { mapInputs } from "./map-inputs.ts";

const schema: Schema = {
  missingValues: [""],
  fields: [
    { name: "id", type: "string" },
    { name: "montant", type: "number" },
    { name: "statut", type: "string" },
  ],
};

describe("mapInputs", () => {
  it("appends the rows of every source in declaration order, each read with its own mapping, and remembers where each row came from", async () => {
    const team = { Réf: "laureat-fictif-1", "Montant (€)": "1 250 000,00", __rowNumber: 2 };
    const transcription = [{ projet: "Projet fictif B" }, { projet: "Projet fictif C" }];
    const teamMapping = { id: "Réf", montant: { column: "Montant (€)", decimalChar: ",", groupChar: " " } };
    const pageMapping = { id: { column: "projet", values: { "Projet fictif B": "laureat-fictif-2", "Projet fictif C": "laureat-fictif-3" } }, statut: { value: "sélectionné" } };
    const mapped = mapInputs(schema, [
      { source: "sources/laureats.csv", records: [team], mapping: teamMapping, rowNumberOf: (record) => record.__rowNumber as number },
      { source: "sources/transcription.csv", records: transcription, mapping: pageMapping },
    ]);
    const rows = await readAll(mapped.rows);
    expect(mapped.issues).toEqual([]);
    expect(rows).toEqual([
      ["laureat-fictif-1", 1250000, null],
      ["laureat-fictif-2", null, "sélectionné"],
      ["laureat-fictif-3", null, "sélectionné"],
    ]);
    expect([0, 1, 2].map((i) => mapped.origins.at(i)).map((origin) => [origin?.source, origin?.rowNumber, origin?.mapping])).toEqual([
      ["sources/laureats.csv", 2, teamMapping],
      ["sources/transcription.csv", 2, pageMapping],
      ["sources/transcription.csv", 3, pageMapping],
    ]);
  });

  it("reports each source's own problems under its own name", async () => {
    const mapped = mapInputs(schema, [
      { source: "sources/a.csv", records: [{ Réf: "x", Montant: "beaucoup" }], mapping: { id: "Réf", montant: "Montant" } },
      { source: "sources/b.csv", records: [{ projet: "y" }], mapping: { id: "projet", statut: "Statut" } },
    ]);
    const rows = await readAll(mapped.rows);
    expect(mapped.issues.map((issue) => [issue.code, issue.source, issue.column])).toEqual([
      ["type-error", "sources/a.csv", "Montant"],
      ["missing-column", "sources/b.csv", "Statut"],
    ]);
    expect(rows).toHaveLength(2);
  });

  it("streams: each row is handed on as it is mapped, and an error in row N names its source file and row", async () => {
    let read = 0;
    async function* records(): AsyncGenerator<Record<string, unknown>> {
      for (let n = 1; n <= 5; n++) {
        read++;
        yield { Réf: `laureat-fictif-${n}`, Montant: n === 4 ? "quatre" : String(n), __rowNumber: n + 10 };
      }
    }
    const mapped = mapInputs(schema, [{ source: "sources/grand.csv", records: records(), mapping: { id: "Réf", montant: "Montant" }, rowNumberOf: (r) => r.__rowNumber as number }]);
    const iterator = mapped.rows[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(["laureat-fictif-1", 1, null]);
    expect(read).toBe(1);
    while (!(await iterator.next()).done);
    expect(mapped.origins.length).toBe(5);
    expect(mapped.origins.at(3)).toMatchObject({ source: "sources/grand.csv", rowNumber: 14 });
    expect(mapped.origins.at(5)).toBeUndefined();
    expect(mapped.issues).toEqual([expect.objectContaining({ code: "type-error", source: "sources/grand.csv", rowNumber: 14, column: "Montant", cell: "quatre" })]);
    expect(mapped.issues[0]?.message).toMatch(/^sources\/grand\.csv row 14, column "Montant"/);
  });
});

async function readAll<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
