import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { openTable } from "../../frictionless/index.ts";
import { writeFileAtomic } from "../../state/store.ts";
import type { RunChanges, Row } from "./change-history.ts";
import type { TableVersion } from "./diff-table.ts";

/**
 * The last published version of a package's tables, kept in the state folder so that the next
 * run can say what changed even when `output/` is gone (a fresh CI checkout caches the state
 * folder only). Layout, under `$AAP_STATE_DIR/changes/<package>/`:
 *
 *   current.json            { at, tables: [{ table, primaryKey, file }], runs: RunChanges[] }
 *   v-<random>/<table>.csv.gz   the CSV files as published, gzipped (text compresses 5 to 20 times)
 *
 * A new version is written to a new `v-` folder, then `current.json` is replaced atomically to
 * point at it, then older folders are removed: a run killed midway leaves the previous version whole.
 */
export interface PublishedSnapshot {
  /** When this version was built (the run's clock). */
  at: string;
  tables: { table: string; primaryKey: string[]; file: string }[];
  /** The change history, newest first (already bounded). */
  runs: RunChanges[];
}

export interface TableFile {
  table: string;
  primaryKey: readonly string[];
  /** The CSV file as published. */
  path: string;
  /** Its data rows, when its validation report counted them. */
  rows?: number;
}

const CURRENT = "current.json";
/**
 * gzip's fastest level: the snapshot is read once, by the next run, and kept in the state
 * folder only. On the bench's lauréats CSV it is 2.6 times faster than the default level for
 * a file 16 % bigger (5.4 MB instead of 4.7 MB for 26.6 MB of CSV).
 */
const SNAPSHOT_GZIP_LEVEL = 1;

export function snapshotDir(stateDir: string, packageName: string): string {
  return join(stateDir, "changes", packageName);
}

/** The stored version, or undefined before the first one (or when it is unreadable: the history then starts again). */
export async function readSnapshot(dir: string): Promise<PublishedSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, CURRENT), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as PublishedSnapshot;
    if (typeof parsed.at !== "string" || !Array.isArray(parsed.tables) || !Array.isArray(parsed.runs)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/** A stored table, to read with `diffTable`. */
export function snapshotTable(dir: string, snapshot: PublishedSnapshot, table: string): TableVersion | undefined {
  const entry = snapshot.tables.find((t) => t.table === table);
  return entry && { primaryKey: entry.primaryKey, rows: () => csvRows(join(dir, entry.file)) };
}

/** A published CSV file, to read with `diffTable`. */
export function csvTable(file: TableFile): TableVersion {
  const version: TableVersion = { primaryKey: file.primaryKey, rows: () => csvRows(file.path) };
  if (file.rows !== undefined) version.count = file.rows;
  return version;
}

/** Store the tables just published and the history: see the layout above. */
export async function saveSnapshot(dir: string, at: string, tables: readonly TableFile[], runs: readonly RunChanges[]): Promise<void> {
  const version = `v-${randomBytes(6).toString("hex")}`;
  await mkdir(join(dir, version), { recursive: true });
  const stored: PublishedSnapshot["tables"] = [];
  for (const table of tables) {
    const file = `${version}/${table.table}.csv.gz`;
    await pipeline(createReadStream(table.path), createGzip({ level: SNAPSHOT_GZIP_LEVEL }), createWriteStream(join(dir, file)));
    stored.push({ table: table.table, primaryKey: [...table.primaryKey], file });
  }
  const snapshot: PublishedSnapshot = { at, tables: stored, runs: [...runs] };
  await writeFileAtomic(join(dir, CURRENT), `${JSON.stringify(snapshot)}\n`);
  for (const entry of await readdir(dir)) {
    if (entry.startsWith("v-") && entry !== version) await rm(join(dir, entry), { recursive: true, force: true });
  }
}

async function* csvRows(path: string): AsyncIterable<Row> {
  const table = await openTable({ path, format: "csv" });
  const labels = table.labels;
  for await (const row of table.rows) {
    const record: Record<string, string> = {};
    labels.forEach((label, i) => {
      record[label] = typeof row.cells[i] === "string" ? (row.cells[i] as string) : "";
    });
    yield record;
  }
}
