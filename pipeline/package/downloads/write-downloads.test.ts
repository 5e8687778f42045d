import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTempDir } from "../../../fakes/fixtures/temp-folder.ts";
import { validatePackage, writePackage, type Package, type Report } from "../../frictionless/index.ts";
import { writeDownloads } from "./write-downloads.ts";

/** A synthetic package written and validated as the package stage does, then its downloads. */
const FIELDS = [
  { name: "code", type: "string", title: "Code", description: "Identifiant fictif.", constraints: { required: true } },
  { name: "titre", type: "string", title: "Titre" },
  { name: "montant", type: "number", title: "Montant accordé" },
  { name: "projets", type: "integer" },
  { name: "date_decision", type: "date", title: "Date de décision" },
  { name: "ouvert", type: "boolean" },
  { name: "statut", type: "string", constraints: { enum: ["ouvert", "clos"] } },
];
const ROWS: unknown[][] = [
  ["FICTIF-1", "Projet fictif A", 125000.5, 3, "2024-03-15", true, "ouvert"],
  ["FICTIF-2", "=HYPERLINK(\"https://example.test\")", null, 0, null, false, "clos"],
  ["FICTIF-3", "+33 1 00 00 00 00", -42, 1, "2021-12-31", null, null],
  ["FICTIF-4", "-1 projet", 0, null, "2022-01-01", true, "clos"],
  ["FICTIF-5", "@SOMME(A1)", 1e6, 7, "2023-06-30", false, "ouvert"],
  ["FICTIF-6", "\tTabulation puis texte", 10, 2, "2020-02-29", true, "ouvert"],
  ["FICTIF-7", "\rRetour chariot, « guillemets » et virgule", 3.25, 2, "2020-01-01", true, "ouvert"],
];

let dir: string;
let cleanup: () => Promise<void>;
let report: Report;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir("aap-downloads-"));
  report = await writeFictivePackage(dir, ROWS);
});
afterEach(() => cleanup());

async function writeFictivePackage(folder: string, rows: unknown[][]): Promise<Report> {
  const descriptor = {
    name: "paquet-fictif",
    resources: [{ name: "laureats", type: "table", path: "laureats.csv", schema: { fields: FIELDS, primaryKey: ["code"] } }],
  } as unknown as Package;
  const written = await writePackage({ dir: folder, descriptor, tables: { laureats: rows } });
  const validated = await validatePackage(written.descriptor, { basePath: folder });
  expect(validated.valid).toBe(true);
  return validated;
}

/** The CSV as any reader gets it: text cells, empty for unknown. */
async function csvRecords(): Promise<Record<string, string>[]> {
  return parse(await readFile(join(dir, "laureats.csv"), "utf8"), { columns: true, relax_quotes: false }) as Record<string, string>[];
}

async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, file));
  const worksheet = workbook.getWorksheet(sheet)!;
  const rows: unknown[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: worksheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return rows;
}

describe("writeDownloads", () => {
  it("tells where its time went, reading and each writer apart, and nothing counted twice", async () => {
    const started = performance.now();
    const { timings } = await writeDownloads(dir, report);
    const elapsed = performance.now() - started;
    expect(Object.keys(timings)).toEqual(["read", "xlsx", "json"]);
    for (const part of Object.values(timings)) expect(part).toBeGreaterThan(0);
    expect(timings.read + timings.xlsx + timings.json).toBeLessThanOrEqual(elapsed);
  });

  it("writes XLSX, JSON and NDJSON beside the CSV, and leaves the CSV as it was: UTF-8, comma, no BOM", async () => {
    const csv = await readFile(join(dir, "laureats.csv"));
    const result = await writeDownloads(dir, report);
    expect(result.files.map((file) => file.path)).toEqual(["laureats.xlsx", "laureats.json", "laureats.ndjson"]);
    expect(result.skipped).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(["datapackage.json", "laureats.csv", "laureats.json", "laureats.ndjson", "laureats.xlsx"]);
    const after = await readFile(join(dir, "laureats.csv"));
    expect(after.equals(csv)).toBe(true);
    expect([...after.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(after.toString("utf8").split("\n")[0]).toBe(FIELDS.map((f) => f.name).join(","));
  });

  it("the XLSX read back gives the CSV's values, numbers and dates typed, formulas neutralised in text cells", async () => {
    await writeDownloads(dir, report);
    const [header, ...rows] = await sheetValues("laureats.xlsx", "laureats");
    expect(header).toEqual(FIELDS.map((f) => f.name));
    const expected = (await csvRecords()).map((record) =>
      FIELDS.map(({ name, type }) => {
        const text = record[name]!;
        if (text === "") return null;
        if (type === "number" || type === "integer") return Number(text);
        if (type === "date") return new Date(`${text}T00:00:00.000Z`);
        if (type === "boolean") return text === "true";
        // Line breaks in a cell are LF in a spreadsheet.
        return (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/\r\n?/g, "\n");
      }),
    );
    expect(rows).toEqual(expected);
    expect(rows[1]![1]).toBe("'=HYPERLINK(\"https://example.test\")");
    expect(rows[5]![1]).toBe("'\tTabulation puis texte");
    expect(rows[6]![1]).toBe("'\nRetour chariot, « guillemets » et virgule");
    // A negative amount stays a number: only text cells are guarded.
    expect(rows[2]![2]).toBe(-42);
  });

  it("the XLSX has a frozen header, sized columns and a « Champs » sheet documenting each field in French", async () => {
    await writeDownloads(dir, report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "laureats.xlsx"));
    const data = workbook.getWorksheet("laureats")!;
    expect(data.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(data.getColumn(2).width).toBeGreaterThan(data.getColumn(6).width!);
    const [header, ...fields] = await sheetValues("laureats.xlsx", "Champs");
    expect(header).toEqual(["Champ", "Titre", "Type", "Obligatoire", "Description", "Valeurs permises"]);
    expect(fields[0]).toEqual(["code", "Code", "texte", "oui", "Identifiant fictif.", null]);
    expect(fields[2]).toEqual(["montant", "Montant accordé", "nombre", "non", null, null]);
    expect(fields[4]![2]).toBe("date");
    expect(fields[6]![5]).toBe("une de : ouvert, clos");
    expect(fields.some((row) => String(row[4]).includes("jamais un montant nul"))).toBe(true);
  });

  it("JSON and NDJSON hold the same rows as the CSV, typed, null where the CSV is empty", async () => {
    await writeDownloads(dir, report);
    const expected = ROWS.map((row) => Object.fromEntries(FIELDS.map((field, i) => [field.name, row[i]])));
    expect(JSON.parse(await readFile(join(dir, "laureats.json"), "utf8"))).toEqual(expected);
    const lines = (await readFile(join(dir, "laureats.ndjson"), "utf8")).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected);
    // Raw data for developers: no apostrophe there.
    expect(expected[1]!.titre).toBe("=HYPERLINK(\"https://example.test\")");
  });

  it("an empty table gives an empty JSON array, an empty NDJSON file and a spreadsheet with its header", async () => {
    await rm(dir, { recursive: true });
    report = await writeFictivePackage(dir, []);
    await writeDownloads(dir, report);
    expect(JSON.parse(await readFile(join(dir, "laureats.json"), "utf8"))).toEqual([]);
    expect(await readFile(join(dir, "laureats.ndjson"), "utf8")).toBe("");
    expect(await sheetValues("laureats.xlsx", "laureats")).toEqual([FIELDS.map((f) => f.name)]);
  });

  it("a table longer than a spreadsheet can hold has no XLSX, with the reason; JSON and NDJSON are still written", async () => {
    const result = await writeDownloads(dir, report, { xlsxMaxRows: ROWS.length - 1 });
    expect(result.files.map((file) => file.path)).toEqual(["laureats.json", "laureats.ndjson"]);
    expect(result.skipped).toEqual([{ table: "laureats", format: "xlsx", reason: `${ROWS.length} lignes, plus que les ${ROWS.length - 1} qu'une feuille de tableur peut contenir` }]);
    expect(await readdir(dir)).not.toContain("laureats.xlsx");
  });

  it("the same rows give the same bytes on another day, so an unchanged table is not uploaded again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
      await writeDownloads(dir, report);
      const first = await Promise.all(["xlsx", "json", "ndjson"].map((ext) => readFile(join(dir, `laureats.${ext}`))));
      vi.setSystemTime(new Date("2026-07-14T12:34:56Z"));
      await writeDownloads(dir, report);
      const second = await Promise.all(["xlsx", "json", "ndjson"].map((ext) => readFile(join(dir, `laureats.${ext}`))));
      first.forEach((bytes, i) => expect(bytes.equals(second[i]!)).toBe(true));
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a package that did not pass validation: no download of unvalidated data", async () => {
    await expect(writeDownloads(dir, { ...report, valid: false })).rejects.toThrow(/passed validation/);
    expect(await readdir(dir)).not.toContain("laureats.json");
  });
});
