import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { placeKey, sourcePlaces } from "./source-lines.ts";

async function csvFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "aap-lines-")), "fictif.csv");
  await writeFile(path, text);
  return path;
}

describe("sourcePlaces", () => {
  it("counts the line breaks inside quoted cells, CRLF files included, and finds the cell's column past quoted delimiters", async () => {
    const path = await csvFile('id;note;montant\r\na;"deux\r\nlignes";1\r\nb;"x;y";deux\r\nc;;3\r\n');
    const places = await sourcePlaces({ path, dialect: { delimiter: ";" } }, [{ rowNumber: 3, column: "montant" }, { rowNumber: 4, column: "id" }, { rowNumber: 2, column: "montant" }]);
    // Row 3 ("b") starts on line 4, its montant after `b;"x;y";`.
    expect(places.get(placeKey(3, "montant"))).toEqual({ line: 4, col: 9 });
    expect(places.get(placeKey(4, "id"))).toEqual({ line: 5, col: 1 });
    // A cell after a multi-line one starts lines further down; its column on that line is not worked out.
    expect(places.get(placeKey(2, "montant"))).toEqual({ line: 3 });
  });

  it("tells nothing for a format other than CSV, and nothing for a row it was not asked about", async () => {
    const path = await csvFile("id\na\n");
    expect((await sourcePlaces({ path, format: "xlsx" }, [{ rowNumber: 2 }])).size).toBe(0);
    const places = await sourcePlaces({ path }, [{ rowNumber: 2 }]);
    expect([...places.entries()]).toEqual([[placeKey(2, undefined), { line: 2 }]]);
  });
});
