import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { readRecords, type Package, type Report, type Resource } from "../frictionless/index.ts";
import type { ChangeHistory } from "../package/changes/change-history.ts";
import { DOWNLOAD_FORMATS, downloadPath } from "../package/downloads/formats.ts";
import { pathExists } from "../shared/fs.ts";
import { externalUrl } from "./html.ts";
import { SITE_MAX_ROWS, type Cell, type SiteDownload, type SiteInput, type SitePackage, type SiteSchema, type SiteTable } from "./types.ts";

/** The folders of output/ that are not packages. */
export const NOT_PACKAGES = new Set(["site", "screenshots"]);

export interface SiteSources {
  outputDir: string;
  /** The repository's schemas/ folder: one page per schema. */
  schemasDir: string;
  now: Date;
  /** Per package name, its data.gouv.fr dataset when published (from the run and the publication state). */
  datasets: Readonly<Record<string, { url: string; slug?: string }>>;
}

/** The edge where the site's input is read: every validated package in output/, and the schemas. */
export async function readSiteInput(sources: SiteSources): Promise<SiteInput> {
  const packages: SitePackage[] = [];
  for (const name of (await readdir(sources.outputDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    if (name.startsWith(".") || NOT_PACKAGES.has(name)) continue;
    const dir = join(sources.outputDir, name);
    if (!(await pathExists(join(dir, "datapackage.json")))) continue;
    packages.push(await readPackage(dir, sources.datasets[name] ?? null));
  }
  return { now: sources.now, packages, schemas: await readSchemas(sources.schemasDir) };
}

async function readJson<T>(file: string): Promise<T | null> {
  if (!(await pathExists(file))) return null;
  return JSON.parse(await readFile(file, "utf8")) as T;
}

async function readPackage(dir: string, dataset: SitePackage["dataset"]): Promise<SitePackage> {
  const descriptor = (await readJson<Package>(join(dir, "datapackage.json")))!;
  const name = String(descriptor.name ?? dir.split(/[\\/]/).pop());
  const tables: SiteTable[] = [];
  const downloads: Record<string, SiteDownload[]> = {};
  const report = await readJson<Report>(join(dir, "validation-report.json"));
  for (const resource of descriptor.resources.filter((r) => r.type === "table" && typeof r.path === "string")) {
    const table = await readTable(resource, dir, report);
    tables.push(table);
    downloads[table.name] = await tableDownloads(dir, table);
  }
  downloads[""] = await packageFiles(dir, descriptor);
  const changes = await readJson<ChangeHistory>(join(dir, "changes.json"));
  return {
    name,
    title: String(descriptor.title ?? name),
    description: String(descriptor.description ?? ""),
    version: String(descriptor.version ?? ""),
    updatedAt: (await stat(join(dir, "datapackage.json"))).mtime.toISOString(),
    tables,
    downloads,
    report,
    changes: changes && Array.isArray(changes.runs) ? changes : null,
    dataset: dataset && externalUrl(dataset.url) ? dataset : null,
  };
}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/**
 * The first SITE_MAX_ROWS rows of a table, and how many it has: the validation report that
 * came with the table counted them, so the rest is not read (at a million rows, reading them
 * only to count was most of the site's time); a package without that report is counted here.
 */
async function readTable(resource: Resource, dir: string, report: Report | null): Promise<SiteTable> {
  const counted = report?.tasks.find((task) => task.name === resource.name)?.stats.rows;
  const rows: Record<string, Cell>[] = [];
  let rowCount = 0;
  for await (const record of readRecords(resource, dir)) {
    if (++rowCount > SITE_MAX_ROWS) {
      if (counted !== undefined) break;
      continue;
    }
    const row: Record<string, Cell> = {};
    for (const [key, value] of Object.entries(record)) row[key] = cell(value);
    rows.push(row);
  }
  const path = String(resource.path);
  return {
    name: resource.name,
    title: String(resource.title ?? resource.name),
    description: String(resource.description ?? ""),
    path,
    mediatype: String(resource.mediatype ?? "text/csv"),
    bytes: (await stat(join(dir, path))).size,
    fields: typeof resource.schema === "object" && resource.schema ? resource.schema.fields : [],
    rows,
    rowCount: counted ?? rowCount,
  };
}

async function sizeOf(file: string): Promise<number | null> {
  return (await pathExists(file)) ? (await stat(file)).size : null;
}

/** The canonical CSV, then each other format the package stage wrote beside it. */
async function tableDownloads(dir: string, table: SiteTable): Promise<SiteDownload[]> {
  const files: SiteDownload[] = [
    { path: table.path, label: `${table.title} (CSV)`, description: "Le fichier de référence : UTF-8, séparateur virgule.", mediatype: table.mediatype, bytes: table.bytes },
  ];
  for (const format of DOWNLOAD_FORMATS) {
    const path = downloadPath(table.path, format);
    const bytes = await sizeOf(join(dir, path));
    // A table with no row has no NDJSON line: an empty file is not worth a link.
    if (bytes) files.push({ path, label: `${table.title} (${format.label})`, description: format.description, mediatype: format.mediatype, bytes });
  }
  return files;
}

/** datapackage.json and the package's other files (its documentation, in every form written). */
async function packageFiles(dir: string, descriptor: Package): Promise<SiteDownload[]> {
  const files: SiteDownload[] = [
    {
      path: "datapackage.json",
      label: "Descripteur du paquet (datapackage.json)",
      description: "Les métadonnées et les schémas de toutes les tables, lisibles par frictionless-py, pandas ou R.",
      mediatype: "application/json",
      bytes: (await stat(join(dir, "datapackage.json"))).size,
    },
  ];
  const documents = (await readdir(dir)).filter((file) => /^documentation\.(html|md)$/.test(file)).sort();
  for (const path of documents) {
    const resource = descriptor.resources.find((r) => r.path === path);
    const html = path.endsWith(".html");
    files.push({
      path,
      label: String(resource?.title ?? (html ? "Documentation (HTML)" : "Documentation (Markdown)")),
      description: html ? "La documentation du paquet, à lire dans un navigateur." : "La documentation du paquet, en texte Markdown.",
      mediatype: html ? "text/html" : "text/markdown",
      bytes: (await stat(join(dir, path))).size,
    });
  }
  return files;
}

async function readSchemas(schemasDir: string): Promise<SiteSchema[]> {
  const schemas: SiteSchema[] = [];
  for (const entry of (await readdir(schemasDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const descriptor = await readJson<SiteSchema["descriptor"]>(join(schemasDir, entry.name, "schema.json"));
    if (!descriptor || !Array.isArray(descriptor.fields)) continue;
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
    descriptor.primaryKey = list(descriptor.primaryKey);
    descriptor.foreignKeys = (descriptor.foreignKeys ?? []).map((fk) => ({ fields: list(fk.fields), reference: { ...fk.reference, fields: list(fk.reference.fields) } }));
    schemas.push({ name: entry.name, descriptor });
  }
  return schemas;
}
