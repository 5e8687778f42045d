import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTable } from "./open-table.ts";
import { TableReadError } from "./read-error.ts";
import { makeXlsx, makeZip } from "../../../fakes/fixtures/make-xlsx.ts";
import type { TableSource } from "./types.ts";
import { startLocalServer, type LocalServer } from "../../../fakes/http/local-server.ts";

async function readAll(source: TableSource): Promise<{ labels: string[]; rows: [number, unknown[]][] }> {
  const table = await openTable(source);
  const rows: [number, unknown[]][] = [];
  for await (const row of table.rows) rows.push([row.rowNumber, row.cells]);
  return { labels: table.labels, rows };
}

async function readError(source: TableSource): Promise<TableReadError> {
  try {
    await readAll(source);
  } catch (error) {
    if (error instanceof TableReadError) return error;
    throw error;
  }
  throw new Error("expected a TableReadError");
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, "utf8");
const cp1252 = (text: string): Uint8Array => Buffer.from(text, "latin1");

describe("openTable: CSV", () => {
  it("reads a UTF-8 file with a BOM without a stray character in the first label", async () => {
    const { labels, rows } = await readAll({ bytes: utf8("\uFEFFid,intitulé\nappel-1,Appel fictif à projets\n") });
    expect(labels).toEqual(["id", "intitulé"]);
    expect(rows).toEqual([[2, ["appel-1", "Appel fictif à projets"]]]);
  });

  it("reads a declared windows-1252 file with ';' separators", async () => {
    const bytes = cp1252("siren;nom;région\n999000001;Porteur fictif é;Île-de-France\n");
    const { labels, rows } = await readAll({ bytes, encoding: "windows-1252", dialect: { delimiter: ";" } });
    expect(labels).toEqual(["siren", "nom", "région"]);
    expect(rows[0]?.[1]).toEqual(["999000001", "Porteur fictif é", "Île-de-France"]);
  });

  it("reads Python's codec names for declared encodings, as frictionless-py users write them", async () => {
    const bytes = Buffer.from("nom\nPorteur fictif \xe9\n", "latin1");
    for (const encoding of ["latin-1", "latin_1", "cp1252", "ISO8859_1"]) {
      expect((await readAll({ bytes, encoding })).rows).toEqual([[2, ["Porteur fictif é"]]]);
    }
    expect((await readAll({ bytes: utf8("\uFEFFnom\nx\n"), encoding: "utf-8-sig" })).labels).toEqual(["nom"]);
  });

  it("reads a declared ascii file, and fails at its first byte above 127 (as Python's ascii codec does)", async () => {
    expect((await readAll({ bytes: utf8("id,nom\nl-1,Porteur fictif\n"), encoding: "ascii" })).rows).toEqual([[2, ["l-1", "Porteur fictif"]]]);
    const head = "id,nom\nl-1,Porteur fictif\nl-2,Porteur ";
    const error = await readError({ bytes: Buffer.concat([utf8(head), Buffer.from([0xe9]), utf8("\n")]), encoding: "us_ascii" });
    expect(error.code).toBe("encoding-error");
    expect(error.error.byteOffset).toBe(Buffer.byteLength(head));
    expect(error.error.note).toContain("(row 3)");
  });

  it("fails an undeclared windows-1252 file with encoding-error: byte offset, row and the hint", async () => {
    const head = "id,nom\nl-1,Porteur fictif\nl-2,Porteur ";
    const bytes = Buffer.concat([utf8(head), Buffer.from([0xe9]), utf8("t\u00e9\n")]);
    const error = await readError({ bytes, place: "laureats.csv" });
    expect(error.code).toBe("encoding-error");
    expect(error.error.byteOffset).toBe(Buffer.byteLength(head));
    expect(error.error.note).toContain("(row 3)");
    expect(error.error.note).toContain('"encoding": "windows-1252"');
    expect(error.message).toContain("laureats.csv");
  });

  it("reports a bad byte far into a file, after the rows before it (chunked reading)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aap-table-"));
    const lines = ["id,titre"];
    for (let k = 1; k <= 20_000; k++) lines.push(`l-${k},Projet fictif numéro ${k}`);
    const good = Buffer.from(`${lines.join("\n")}\n`, "utf8");
    const path = join(dir, "laureats.csv");
    await writeFile(path, Buffer.concat([good, Buffer.from("l-x,Caf\xe9\n", "latin1")]));
    const table = await openTable({ path });
    let seen = 0;
    let failure: unknown;
    try {
      for await (const batch of table.batches) seen += batch.length;
    } catch (error) {
      failure = error;
    }
    expect(seen).toBe(20_000);
    const { error } = failure as TableReadError;
    expect(error).toMatchObject({ type: "encoding-error", byteOffset: good.length + 7 });
    expect(error.note).toContain("(row 20002)");
    // A file error, as in frictionless-py: the row is told, not a rowNumber.
    expect(error.rowNumber).toBeUndefined();
  });

  it("never splits a multi-byte character across chunks", async () => {
    const text = `nom\n${"é".repeat(70_000)}\n`;
    const { rows } = await readAll({ bytes: utf8(text) });
    expect(rows[0]?.[1]).toEqual(["é".repeat(70_000)]);
  });

  it("reads bytes held in memory as it reads a file, in pieces: its header costs the first piece, not the whole buffer", async () => {
    const csv = "id,titre\n" + Array.from({ length: 50_000 }, (_, k) => `${k},Projet fictif ${k}`).join("\n") + "\n";
    const table = await openTable({ bytes: utf8(csv), format: "csv", digests: ["md5"] });
    expect(table.labels).toEqual(["id", "titre"]);
    expect(table.stats().bytes).toBeLessThan(csv.length / 4);
    let rows = 0;
    for await (const _ of table.rows) rows++;
    expect(rows).toBe(50_000);
    expect(table.stats()).toMatchObject({ bytes: csv.length, hashes: { md5: createHash("md5").update(csv).digest("hex") } });
  });

  it("joins multi-line headers, drops comment rows and maps the null sequence", async () => {
    const csv = "montant,montant\naccordé,total\n# commentaire\n10,NA\n20,30\n";
    const { labels, rows } = await readAll({ bytes: utf8(csv), dialect: { headerRows: [1, 2], headerJoin: "_", commentChar: "#", nullSequence: "NA" } });
    expect(labels).toEqual(["montant_accordé", "montant_total"]);
    expect(rows).toEqual([[4, ["10", null]], [5, ["20", "30"]]]);
  });

  it("trims labels and takes a header cell repeated below it (a merged cell) once, as frictionless-py", async () => {
    const csv = " Identifiant ,Nom\nIdentifiant,du projet\n1,Projet fictif A\n";
    const { labels } = await readAll({ bytes: utf8(csv), dialect: { headerRows: [1, 2] } });
    expect(labels).toEqual(["Identifiant", "Nom du projet"]);
    expect((await readAll({ bytes: utf8(" id ,\tnom\n1,a\n") })).labels).toEqual(["id", "nom"]);
  });

  it("drops commentRows by physical number and reads headerless files", async () => {
    const { labels, rows } = await readAll({ bytes: utf8("a,b\nx,y\nc,d\n"), dialect: { header: false, commentRows: [2] } });
    expect(labels).toEqual([]);
    expect(rows).toEqual([[1, ["a", "b"]], [3, ["c", "d"]]]);
  });

  it("reads gzip- and zip-compressed tables; bytes and digests are those of the stored file", async () => {
    const csv = "id,nom\n1,Projet fictif A\n";
    const gz = gzipSync(csv);
    const dir = await mkdtemp(join(tmpdir(), "compressed-"));
    await writeFile(join(dir, "laureats.csv.gz"), gz);
    const table = await openTable({ path: join(dir, "laureats.csv.gz"), digests: ["md5"] });
    const rows: unknown[][] = [];
    for await (const row of table.rows) rows.push(row.cells);
    expect([table.labels, rows]).toEqual([["id", "nom"], [["1", "Projet fictif A"]]]);
    expect(table.stats()).toMatchObject({ bytes: gz.length, hashes: { md5: createHash("md5").update(gz).digest("hex") } });
    const zipped = await readAll({ bytes: makeZip({ "laureats.csv": csv }), compression: "zip" });
    expect(zipped.rows).toEqual([[2, ["1", "Projet fictif A"]]]);
    expect((await readError({ bytes: utf8("pas du gzip"), compression: "gz" })).code).toBe("compression-error");
  });

  it("fails an empty file with source-error and a missing file with scheme-error", async () => {
    expect((await readError({ bytes: new Uint8Array(0), place: "vide.csv" })).code).toBe("source-error");
    expect((await readError({ bytes: new Uint8Array(0), dialect: { header: false } })).code).toBe("source-error");
    const missing = await readError({ path: "/nonexistent/laureats.csv" });
    expect(missing.code).toBe("scheme-error");
    expect(missing.error.note).toContain("file not found");
  });

  it("rejects an unknown encoding and an unknown format", async () => {
    expect((await readError({ bytes: utf8("a\n"), encoding: "klingon" })).code).toBe("encoding-error");
    expect((await readError({ bytes: utf8("a\n"), format: "parquet" as never })).code).toBe("format-error");
  });
});

describe("openTable: JSON, NDJSON, inline", () => {
  it("reads an array of arrays and an array of objects", async () => {
    expect(await readAll({ bytes: utf8('[["id","montant"],["l-1",1200.5]]'), format: "json" })).toEqual({ labels: ["id", "montant"], rows: [[2, ["l-1", 1200.5]]] });
    const objects = await readAll({ bytes: utf8('{"laureats":[{"id":"l-1","montant":5},{"id":"l-2","statut":"terminé"}]}'), format: "json", dialect: { property: "laureats" } });
    expect(objects).toEqual({ labels: ["id", "montant", "statut"], rows: [[2, ["l-1", 5, undefined]], [3, ["l-2", undefined, "terminé"]]] });
  });

  it("reads NDJSON objects line by line and reports a broken line as format-error", async () => {
    const { labels, rows } = await readAll({ bytes: utf8('{"id":"l-1","ok":true}\n\n{"id":"l-2","ok":false}\n'), format: "ndjson" });
    expect(labels).toEqual(["id", "ok"]);
    expect(rows.map(([, cells]) => cells)).toEqual([["l-1", true], ["l-2", false]]);
    const error = await readError({ bytes: utf8('{"id":"l-1"}\n{"id":\n'), format: "jsonl" });
    expect(error.error).toMatchObject({ type: "format-error", rowNumber: 2 });
  });

  it("reads inline data and rejects JSON that is not a table", async () => {
    expect(await readAll({ data: [["id"], ["appel-1"]] })).toEqual({ labels: ["id"], rows: [[2, ["appel-1"]]] });
    expect((await readError({ bytes: utf8('{"a":1}'), format: "json" })).code).toBe("format-error");
    expect((await readError({ bytes: utf8("[1,"), format: "json" })).code).toBe("format-error");
  });
});

describe("openTable: XLSX", () => {
  const workbook = makeXlsx({
    Notes: [["à ignorer"]],
    Laureats: [
      ["id", "montant", "date_decision", "code_postal", "actif", "commentaire"],
      ["l-1", 1200.5, new Date(Date.UTC(2024, 2, 15)), 97442, true, { inline: "texte & <balises>" }],
      ["l-2", 3, null, null, false, "Projet fictif"],
    ],
  });

  it("reads the named sheet: shared and inline strings, numbers, dates, booleans, empty cells", async () => {
    const { labels, rows } = await readAll({ bytes: workbook, format: "xlsx", dialect: { sheetName: "Laureats" } });
    expect(labels).toEqual(["id", "montant", "date_decision", "code_postal", "actif", "commentaire"]);
    expect(rows).toEqual([
      [2, ["l-1", 1200.5, new Date(Date.UTC(2024, 2, 15)), 97442, true, "texte & <balises>"]],
      [3, ["l-2", 3, "", "", false, "Projet fictif"]],
    ]);
  });

  it("picks a sheet by number (default the first) and names the sheets when it is missing", async () => {
    expect((await readAll({ bytes: workbook, format: "xlsx" })).labels).toEqual(["à ignorer"]);
    expect((await readAll({ bytes: workbook, format: "xlsx", dialect: { sheetNumber: 2 } })).labels[0]).toBe("id");
    const error = await readError({ bytes: workbook, format: "xlsx", dialect: { sheetName: "Appels" } });
    expect(error.code).toBe("format-error");
    expect(error.error.note).toContain('"Notes", "Laureats"');
  });

  it("fails a file that is not a workbook with format-error", async () => {
    expect((await readError({ bytes: utf8("id,montant\n"), format: "xlsx" })).code).toBe("format-error");
  });

  it("refuses a compressed workbook with format-error and says to decompress it", async () => {
    const error = await readError({ bytes: gzipSync(workbook), format: "xlsx", compression: "gz" });
    expect(error.code).toBe("format-error");
    expect(error.error.note).toContain("decompress it first");
  });
});

describe("openTable: URL", () => {
  let server: LocalServer;
  let base = "";
  beforeAll(async () => {
    server = await startLocalServer(({ path }) => (path === "/appels.csv" ? { status: 200, raw: "id,titre\nappel-1,Appel fictif\n" } : { status: 404, raw: "absent" }));
    base = server.url;
  });
  afterAll(() => server.close());

  it("streams a table from a URL and reports an HTTP error as scheme-error without the query string", async () => {
    expect((await readAll({ url: `${base}/appels.csv` })).rows).toEqual([[2, ["appel-1", "Appel fictif"]]]);
    const error = await readError({ url: `${base}/absent.csv?token=secret-value` });
    expect(error.code).toBe("scheme-error");
    expect(error.error.note).toContain("HTTP 404");
    expect(JSON.stringify(error.error)).not.toContain("secret-value");
  });
});
