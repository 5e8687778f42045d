import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { readRecords, type Package, type Report, type Resource } from "../../frictionless/index.ts";
import { DOWNLOAD_FORMATS, downloadPath, XLSX_MAX_ROWS, type DownloadFormat } from "./formats.ts";
import { JsonTableWriters } from "./json-writers.ts";
import { XlsxTableWriter } from "./xlsx-writer.ts";

export interface WrittenDownload {
  /** The table's resource name. */
  table: string;
  format: DownloadFormat["extension"];
  /** Relative to the package folder. */
  path: string;
  bytes: number;
}

export interface SkippedDownload {
  table: string;
  format: DownloadFormat["extension"];
  /** In French: it is shown in the run's log and the publication plan. */
  reason: string;
}

/**
 * Where the time of the downloads went, over every table, in milliseconds: the tables are read
 * once for all the forms, so each form's time is the time spent in its own writer.
 */
export interface DownloadTimings {
  /** Reading the validated CSVs back (parse and cast). */
  read: number;
  xlsx: number;
  /** JSON and NDJSON: written together from the same lines. */
  json: number;
}

export interface DownloadsResult {
  files: WrittenDownload[];
  /** Forms not written, and why (a table too long for a spreadsheet). */
  skipped: SkippedDownload[];
  timings: DownloadTimings;
}

export interface DownloadsOptions {
  /** Rows a spreadsheet can hold under its header; lowered by tests only. */
  xlsxMaxRows?: number;
}

/**
 * XLSX, JSON and NDJSON beside each table of a package folder that passed validation, read back
 * from the very CSV files that were validated, in one streaming pass per table. The report is
 * the proof of validity (no download of unvalidated data) and gives each table's row count,
 * which tells the tables a spreadsheet cannot hold before any is written.
 */
export async function writeDownloads(dir: string, report: Report, options: DownloadsOptions = {}): Promise<DownloadsResult> {
  if (!report.valid) throw new Error(`${dir}: downloads are only written for a package that passed validation`);
  const maxRows = options.xlsxMaxRows ?? XLSX_MAX_ROWS;
  const descriptor = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")) as Package;
  const result: DownloadsResult = { files: [], skipped: [], timings: { read: 0, xlsx: 0, json: 0 } };
  for (const resource of descriptor.resources.filter(isLocalTable)) {
    const rows = report.tasks.find((task) => task.name === resource.name)?.stats.rows ?? 0;
    const withXlsx = rows <= maxRows;
    if (!withXlsx) {
      result.skipped.push({ table: resource.name, format: "xlsx", reason: `${rows} lignes, plus que les ${maxRows} qu'une feuille de tableur peut contenir` });
    }
    await writeTableDownloads(dir, resource, withXlsx, result.timings);
    for (const format of DOWNLOAD_FORMATS) {
      if (format.extension === "xlsx" && !withXlsx) continue;
      const file = downloadPath(resource.path as string, format);
      result.files.push({ table: resource.name, format: format.extension, path: file, bytes: (await stat(join(dir, file))).size });
    }
  }
  return result;
}

/** A table whose CSV sits in the folder (not a remote or inline one). */
function isLocalTable(resource: Resource): boolean {
  return resource.type === "table" && typeof resource.path === "string" && resource.schema !== undefined && !/^[a-z]+:\/\//i.test(resource.path);
}

async function writeTableDownloads(dir: string, resource: Resource, withXlsx: boolean, timings: DownloadTimings): Promise<void> {
  const target = (format: DownloadFormat) => join(dir, downloadPath(resource.path as string, format));
  const [xlsxFormat, jsonFormat, ndjsonFormat] = ["xlsx", "json", "ndjson"].map((extension) => DOWNLOAD_FORMATS.find((f) => f.extension === extension)!) as [DownloadFormat, DownloadFormat, DownloadFormat];
  const json = new JsonTableWriters(target(jsonFormat), target(ndjsonFormat));
  const xlsx = withXlsx ? new XlsxTableWriter(target(xlsxFormat), resource.name.slice(0, 31), resource.schema!.fields) : undefined;
  let mark = performance.now();
  // The time since the last mark goes to `part`: a few clock reads a row, against microseconds of work.
  const spent = (part: keyof DownloadTimings) => {
    const now = performance.now();
    timings[part] += now - mark;
    mark = now;
  };
  try {
    for await (const record of readRecords(resource, dir)) {
      spent("read");
      await json.add(record);
      spent("json");
      await xlsx?.add(record);
      spent("xlsx");
    }
    spent("read");
    await json.finish();
    spent("json");
    await xlsx?.finish();
    spent("xlsx");
  } catch (error) {
    // Half a download is worse than none: the staging folder is thrown away by the caller anyway.
    json.destroy();
    await Promise.all(DOWNLOAD_FORMATS.map((format) => rm(target(format), { force: true })));
    throw error;
  }
}
