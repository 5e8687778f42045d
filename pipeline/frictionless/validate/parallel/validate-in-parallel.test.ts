import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Package, Resource, Schema } from "../../descriptor/types.ts";
import { stripTimings } from "../../report/build-report.ts";
import type { Report, ReportTask } from "../../report/types.ts";
import { flatten } from "../../../../fakes/fixtures/flatten-report.ts";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import type { ValidateOptions } from "../options.ts";
import { validatePackage } from "../validate-package.ts";
import { planParallel } from "./chunk-plan.ts";

// Every test compares the report of the chunked, multi-threaded path with the row-by-row
// one, which the rest of the suite pins down: same errors, same order, same numbers. Chunks
// of a few dozen bytes make every kind of cut happen: inside quoted cells holding line
// breaks, right after a CRLF, in the middle of a multi-byte character's row...

const appels: Schema = {
  fields: [
    { name: "id", type: "string", constraints: { required: true } },
    { name: "titre", type: "string" },
  ],
  primaryKey: ["id"],
  missingValues: [""],
};

const laureats: Schema = {
  fields: [
    { name: "id", type: "integer", constraints: { required: true, unique: true } },
    { name: "appel_id", type: "string" },
    { name: "parent_id", type: "integer" },
    { name: "projet", type: "string", constraints: { maxLength: 60 } },
    { name: "montant", type: "number", constraints: { minimum: 0 } },
    { name: "siren", type: "string", constraints: { pattern: "[0-9]{9}" } },
    { name: "date_decision", type: "date" },
  ],
  primaryKey: ["id"],
  uniqueKeys: [["projet", "siren"]],
  foreignKeys: [
    { fields: ["appel_id"], reference: { resource: "appels", fields: ["id"] } },
    { fields: ["parent_id"], reference: { resource: "", fields: ["id"] } },
  ],
  missingValues: [""],
};

const APPELS_CSV = "id,titre\nAAP-FICTIF-1,Appel fictif un\nAAP-FICTIF-2,Appel fictif deux\n";

/** Synthetic lauréats, with the cell quirks and errors of `quirks(n)` every few rows. */
function laureatsCsv(rows: number, quirk: (n: number) => string | undefined = () => undefined, eol = "\n"): string {
  const lines = ["id,appel_id,parent_id,projet,montant,siren,date_decision"];
  for (let n = 1; n <= rows; n++) {
    lines.push(quirk(n) ?? `${n},AAP-FICTIF-${1 + (n % 2)},${n > 3 ? n - 3 : ""},"Projet fictif ${n}, été",${n * 100}.5,00000000${n % 10},2021-0${1 + (n % 9)}-1${n % 10}`);
  }
  return lines.join(eol) + eol;
}

/** Errors of every kind the baseline reports, some far from the rows they repeat or miss. */
function withErrors(n: number): string | undefined {
  if (n === 7) return `7,AAP-FICTIF-1,,"Projet ""cité"" sur
deux lignes",abc,000000007,2021-02-30`;
  if (n === 11) return "";
  if (n === 13) return "5,AAP-INCONNU,999,Projet fictif doublon,100,000000013,2021-01-01";
  if (n === 17) return "17,AAP-FICTIF-1,,Projet fictif 17,-3,12345,2021-01-01,en trop";
  if (n === 19) return "19,AAP-FICTIF-2";
  if (n === 23) return `23,AAP-FICTIF-1,,"Projet fictif 22, été",2300.5,000000002,2021-04-12`;
  if (n === 29) return `,AAP-FICTIF-1,,"Projet
sur trois
lignes, très long, beaucoup trop long pour la contrainte de longueur",1,000000009,2021-01-01`;
  if (n === 31) return `31,AAP-FICTIF-1,40,Projet fictif 31,1,000000001,2021-01-01`;
  if (n === 37) return `37,AAP-FICTIF-1,1000,Projet fictif 37,1,000000001,2021-01-01`;
  return undefined;
}

/** `threads` checkers: the calling thread and `threads - 1` workers. */
async function bothWays(files: Record<string, string | Uint8Array>, laureatsResource: Partial<Resource> = {}, options: ValidateOptions = {}, threads = 2) {
  const dir = await folderWith({ "appels.csv": APPELS_CSV, ...files });
  const resource: Resource = { name: "laureats", path: "laureats.csv", schema: laureats, ...laureatsResource };
  const pkg: Package = { resources: [{ name: "appels", path: "appels.csv", schema: appels }, resource] };
  const parallel = { threads, minBytes: 0, chunkBytes: 64 };
  const plan = await planParallel(resource, join(dir, resource.path as string), { ...options, parallel });
  const sequential = stopped(stripTimings(await validatePackage(pkg, { ...options, basePath: dir, parallel: false, spans: false })));
  const chunked = stopped(stripTimings(await validatePackage(pkg, { ...options, basePath: dir, parallel })));
  return { plan, sequential, chunked };
}

/**
 * A table that stopped early (error limit, undecodable byte, a quote that never closes) reports as `bytes` how far it was
 * read, and that depends on how it was read: 64 KB at a time row by row, chunks ahead in
 * parallel. Left out of the comparison for those tables only.
 */
function stopped(report: Report): Report {
  for (const task of report.tasks) {
    if (task.warnings.some((w) => w.startsWith("reached error limit")) || task.errors.some((e) => e.type === "encoding-error" || e.type === "source-error")) delete (task.stats as Partial<ReportTask["stats"]>).bytes;
  }
  return report;
}

describe("validating a table in chunks on worker threads", () => {
  it("gives the row-by-row report on a valid table", async () => {
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(300) });
    expect(plan).toBeDefined();
    expect(sequential.valid).toBe(true);
    expect(sequential.tasks[1]?.stats.rows).toBe(300);
    expect(chunked).toEqual(sequential);
  });

  it("gives the same errors, in the same order, with cells read back for key errors", async () => {
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(120, withErrors) });
    expect(plan).toBeDefined();
    const types = new Set(flatten(sequential).map(([, , type]) => type));
    for (const type of ["type-error", "constraint-error", "blank-row", "primary-key", "unique-error", "foreign-key", "extra-cell", "missing-cell"]) {
      expect(types).toContain(type);
    }
    expect(chunked).toEqual(sequential);
    // The duplicate id of row 14 (id 5) points back to row 6, three chunks earlier.
    const duplicate = chunked.tasks[1]?.errors.find((error) => error.type === "primary-key" && error.rowNumber === 14);
    expect(duplicate?.note).toBe("the same as in the row at position 6");
    expect(duplicate?.cells?.[1]).toBe("AAP-INCONNU");
  });

  it("gives the same errors with two workers beside the calling thread as with one", async () => {
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(240, withErrors) }, {}, {}, 3);
    expect(plan?.threads).toBe(3);
    expect(flatten(sequential).length).toBeGreaterThan(10);
    expect(chunked).toEqual(sequential);
  });

  it("stops at the error limit on the same row", async () => {
    const { sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(120, withErrors) }, {}, { limitErrors: 6 });
    expect(sequential.tasks[1]?.warnings).toContain("reached error limit: 6");
    expect(chunked).toEqual(sequential);
  });

  it("picks and skips error types as the row-by-row path does", async () => {
    for (const options of [{ pickErrors: ["primary-key", "foreign-key"] }, { skipErrors: ["#cell"] }, { pickErrors: ["type-error"], limitErrors: 1 }]) {
      const { sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(120, withErrors) }, {}, options);
      expect(chunked).toEqual(sequential);
    }
  });

  it("reads CRLF line ends, a BOM, a `;` delimiter and comment rows", async () => {
    const csv = "\uFEFF" + laureatsCsv(150, (n) => (n % 25 === 0 ? "# ligne de commentaire" : undefined), "\r\n").replaceAll(",", ";");
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": csv }, { dialect: { delimiter: ";", commentChar: "#" } });
    expect(plan).toBeDefined();
    expect(sequential.tasks[1]?.stats.rows).toBe(144);
    expect(chunked).toEqual(sequential);
  });

  it("reads every chunk with the dialect sniffed from the file's first lines", async () => {
    // `;`-separated, undeclared; later rows hold more commas than semicolons, so that a chunk
    // sniffed on its own would be read as comma-separated.
    const lines = laureatsCsv(160).replace(/,(?=[^"]*(?:"[^"]*"[^"]*)*$)/gm, ";").split("\n");
    const csv = lines.map((line, k) => (k > 120 && line !== "" ? `${k};AAP-FICTIF-1;;a,b,c,d,e,f,g,h,${k};1;000000001;2021-01-01` : line)).join("\n");
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": csv });
    expect(plan?.format.dialect?.delimiter).toBe(";");
    expect(sequential.valid).toBe(true);
    expect(chunked).toEqual(sequential);
  });

  it("restarts a chunk cut inside an accented multi-line cell at the right byte, whatever the UTF-8 label", async () => {
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(120, withErrors) }, { encoding: "utf_8" });
    expect(plan).toBeDefined();
    expect(chunked).toEqual(sequential);
  });

  it("decodes a declared windows-1252 file", async () => {
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": Buffer.from(laureatsCsv(150, withErrors), "latin1") }, { encoding: "windows-1252" });
    expect(plan).toBeDefined();
    expect(chunked).toEqual(sequential);
  });

  it("stops at an undecodable byte with the same offset and row", async () => {
    const valid = Buffer.from(laureatsCsv(200));
    const bad = Buffer.concat([valid.subarray(0, 9000), Buffer.from([0xe9]), valid.subarray(9000)]);
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": bad });
    expect(plan).toBeDefined();
    expect(sequential.tasks[1]?.errors.at(-1)?.type).toBe("encoding-error");
    expect(chunked).toEqual(sequential);
  });

  it("computes the file's digests on the way, and checks a declared size and hash", async () => {
    const csv = laureatsCsv(200);
    const { plan, sequential, chunked } = await bothWays({ "laureats.csv": csv }, { bytes: 12, hash: "sha256:00" }, { hashes: true });
    expect(plan).toBeDefined();
    expect(flatten(sequential.tasks[1] as ReportTask).map(([, , type]) => type)).toEqual(["hash-count", "byte-count"]);
    expect(sequential.tasks[1]?.stats.sha256).toBe(createHash("sha256").update(csv).digest("hex"));
    expect(chunked).toEqual(sequential);
  });

  it("reports md5 and sha256 of the whole file, also when chunks were read again after a cut record; none when it stopped early", async () => {
    // Records longer than several chunks: reading restarts at them, and bytes are read twice.
    const long = `${"ligne\n".repeat(60)}fin`;
    const csv = laureatsCsv(150, (n) => (n === 50 || n === 51 ? `${n},AAP-FICTIF-1,,"${long}",1,000000001,2021-01-01` : withErrors(n)));
    const whole = await bothWays({ "laureats.csv": csv }, {}, { hashes: true });
    expect(whole.chunked.tasks[1]?.stats).toMatchObject({ md5: createHash("md5").update(csv).digest("hex"), sha256: createHash("sha256").update(csv).digest("hex") });
    expect(whole.chunked).toEqual(whole.sequential);
    const cut = await bothWays({ "laureats.csv": csv }, {}, { hashes: true, limitErrors: 3 });
    expect(cut.sequential.tasks[1]?.stats.md5).toBeUndefined();
    expect(cut.chunked).toEqual(cut.sequential);
  });

  it("reports a quote that never closes once, at the row where it opens, after the rows before it (it was a worker crash)", async () => {
    for (const at of [1, 40, 119]) {
      // No quote after it: nothing closes it.
      const plain = (n: number): string => `${n},AAP-FICTIF-1,,Projet ${n},1,000000001,2021-01-01`;
      const csv = laureatsCsv(120, (n) => (n === at ? `${n},AAP-FICTIF-1,,"Projet jamais fermé,1,000000001,2021-01-01` : n > at ? plain(n) : withErrors(n)));
      const { plan, sequential, chunked } = await bothWays({ "laureats.csv": csv });
      expect(plan).toBeDefined();
      const last = sequential.tasks[1]?.errors.at(-1);
      expect(last).toMatchObject({ type: "source-error" });
      expect(last?.note).toContain(`starts in row ${at + 1}, field 4 is never closed`);
      expect(sequential.tasks[1]?.errors.filter((error) => error.type === "source-error")).toHaveLength(1);
      expect(chunked).toEqual(sequential);
    }
  });

  it("reads records longer than several chunks, and stops at a cell past the cell size limit", async () => {
    const long = `${"ligne\n".repeat(60)}fin`;
    const csv = laureatsCsv(120, (n) => (n === 50 || n === 51 ? `${n},AAP-FICTIF-1,,"${long}",1,000000001,2021-01-01` : undefined));
    const { sequential, chunked } = await bothWays({ "laureats.csv": csv });
    expect(sequential.tasks[1]?.stats.rows).toBe(120);
    expect(chunked).toEqual(sequential);
    const limited = await bothWays({ "laureats.csv": csv }, {}, { limits: { maxCellChars: 100 } });
    expect(limited.sequential.tasks[1]?.errors.at(-1)?.note).toMatch(/^the cell in row 51, field 4 is longer than the cell size limit .*: the limit is 100 characters; if the file is right, raise it with --max-cell-size$/);
    expect(limited.sequential.tasks[1]?.stats.rows).toBe(49);
    expect(limited.chunked).toEqual(limited.sequential);
  });

  it("reads a last record that has no line terminator", async () => {
    const { sequential, chunked } = await bothWays({ "laureats.csv": laureatsCsv(90, withErrors).trimEnd() });
    expect(sequential.tasks[1]?.stats.rows).toBe(90);
    expect(chunked).toEqual(sequential);
  });
});

describe("planParallel", () => {
  const big = { threads: 2, minBytes: 0 };
  const plan = async (resource: Partial<Resource>, options: ValidateOptions = {}, csv: string | Uint8Array = laureatsCsv(50)) => {
    const dir = await folderWith({ "laureats.csv": csv });
    return planParallel({ name: "laureats", path: "laureats.csv", schema: laureats, ...resource }, join(dir, "laureats.csv"), { parallel: big, ...options });
  };

  it("cuts the file after a line feed, with the header in the first chunk", async () => {
    const found = await plan({}, { parallel: { ...big, chunkBytes: 100 } });
    const text = Buffer.from(found?.head.bytes ?? []).toString();
    expect(text.startsWith("id,appel_id")).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    expect(found?.head.last).toBe(false);
  });

  it("reads row by row what chunks cannot reproduce", async () => {
    expect(await plan({}, { parallel: false })).toBeUndefined();
    expect(await plan({}, { parallel: { threads: 1, minBytes: 0 } })).toBeUndefined();
    expect(await plan({}, { parallel: { threads: 2 } })).toBeUndefined(); // a small file
    expect(await plan({}, { limitRows: 10 })).toBeUndefined();
    // Custom checks reach the threads only from a module they can import.
    expect(await plan({ schema: { ...laureats, custom_checks: [{ name: "french-siren-value", params: {} }] } })).toBeUndefined();
    expect(await plan({ schema: { ...laureats, custom_checks: [{ name: "french-siren-value", params: {} }] } }, { checksModule: { url: "file:///checks.js", exportName: "checks" } })).toBeDefined();
    expect(await plan({ dialect: { headerRows: [1, 2] } })).toBeUndefined();
    expect(await plan({ encoding: "utf-16le" })).toBeUndefined();
    expect(await plan({ format: "xlsx" })).toBeUndefined();
    expect(await plan({ schema: undefined })).toBeUndefined();
    // A bad byte in the first chunk: the row-by-row reader reports the rows before it first.
    expect(await plan({}, {}, Buffer.concat([Buffer.from(laureatsCsv(50)), Buffer.from([0xff, 0x0a])]))).toBeUndefined();
  });
});
