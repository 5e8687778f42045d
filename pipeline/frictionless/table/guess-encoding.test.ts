import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guessEncoding } from "./guess-encoding.ts";
import { openTable } from "./open-table.ts";
import { TableReadError } from "./read-error.ts";
import type { TableSource } from "./types.ts";

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

/** Mac OS Roman bytes of French text (only the letters these tests use). */
function macRoman(text: string): Buffer {
  const codes: Record<string, number> = { "é": 0x8e, "è": 0x8f, "à": 0x88, "ç": 0x8d, "ô": 0x99, "ê": 0x90 };
  return Buffer.from(Array.from(text, (c) => codes[c] ?? c.charCodeAt(0)));
}

/** The note of the encoding-error met reading `bytes` as a CSV, from memory or (in 64 KB chunks) from a file. */
async function encodingNote(bytes: Buffer, from: "memory" | "file" = "memory", encoding?: string): Promise<string> {
  let source: TableSource = { bytes, place: "laureats.csv", ...(encoding ? { encoding } : {}) };
  if (from === "file") {
    const path = join(await mkdtemp(join(tmpdir(), "aap-encoding-")), "laureats.csv");
    await writeFile(path, bytes);
    source = { path, place: "laureats.csv" };
  }
  try {
    const table = await openTable(source);
    for await (const _ of table.rows);
  } catch (error) {
    if (error instanceof TableReadError) return error.error.note;
    throw error;
  }
  throw new Error("the table read without an encoding error");
}

describe("guessEncoding", () => {
  it("names windows-1252 for French text written by Excel or Windows, with the words it then reads", () => {
    const bytes = latin1("id,nom\nl-1,Café fictif à Noël\n");
    expect(guessEncoding(bytes, bytes.indexOf(0xe9), 0)).toEqual({ encoding: "windows-1252", excerpt: "l-1,Café fictif à Noël" });
    const euro = Buffer.concat([latin1("nom;montant\r\nProjet fictif Été;1 000 "), Buffer.from([0x80]), latin1(";1\r\n")]);
    expect(guessEncoding(euro, euro.indexOf(0xc9), 0)).toEqual({ encoding: "windows-1252", excerpt: "Projet fictif Été;1 000 €;1" });
    const upper = latin1("id,nom\nl-1,ÉTABLISSEMENT DÉPÔT\n");
    expect(guessEncoding(upper, upper.indexOf(0xc9), 0).encoding).toBe("windows-1252");
  });

  it("names macintosh when the bytes are accented letters in Mac OS Roman and not in windows-1252", () => {
    const bytes = macRoman("id,nom\nl-1,Caf\u00e9 cr\u00e8me, d\u00e9p\u00f4t \u00e0 fa\u00e7on\n");
    expect(guessEncoding(bytes, bytes.indexOf(0x8e), 0)).toEqual({ encoding: "macintosh", excerpt: "l-1,Café crème, dépôt à façon" });
  });

  it("names UTF-16 from its byte-order mark or its zero bytes, in the right byte order", () => {
    const le = Buffer.from("id,nom\nl-1,Café fictif\n", "utf16le");
    expect(guessEncoding(le, le.indexOf(0xe9), 0).encoding).toBe("utf-16le");
    expect(guessEncoding(le.subarray(1), le.indexOf(0xe9) - 1, 1).encoding).toBe("utf-16le");
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    expect(guessEncoding(be, 0, 0).encoding).toBe("utf-16be");
  });
});

describe("the encoding-error of an undeclared non-UTF-8 file", () => {
  it("says where, which encoding the bytes most likely are, what they read, and the exact option to add", async () => {
    const bytes = Buffer.concat([Buffer.from("id,nom\nl-1,Porteur fictif\n"), latin1("l-2,Porteur fictif élu à Noël\n")]);
    expect(await encodingNote(bytes)).toBe(
      'the byte 0xE9 at offset 45 (row 3) is not valid utf-8: the file is most likely windows-1252, where these bytes read "l-2,Porteur fictif élu à Noël"; ' +
        'declare it with "encoding": "windows-1252" on the resource, or --encoding windows-1252 when validating the file alone',
    );
  });

  it("gives the same note when the bad byte comes just after a 64 KB chunk boundary of the file", async () => {
    const head = Buffer.from(`id,nom\n${"l-0,Porteur fictif\n".repeat(4000)}`).subarray(0, 65_536 - 4);
    const bytes = Buffer.concat([head, Buffer.from("\nl-9,Caf"), macRoman("\u00e9 cr\u00e8me d\u00e9p\u00f4t\n")]);
    expect(bytes.indexOf(0x8e)).toBeGreaterThan(65_536);
    const inMemory = await encodingNote(bytes);
    expect(inMemory).toContain('most likely macintosh, where these bytes read "l-9,Café crème dépôt"');
    expect(await encodingNote(bytes, "file")).toBe(inMemory);
  });

  it("says the same for a declared ascii file, naming the declared encoding", async () => {
    expect(await encodingNote(latin1("id,nom\nl-1,Caf\u00e9\n"), "memory", "ascii")).toMatch(/^the byte 0xE9 at offset 14 \(row 2\) is not valid ascii: the file is most likely windows-1252/);
  });
});
