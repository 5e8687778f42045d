import { writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { loadSchema, type Report, type Schema } from "../frictionless/index.ts";
import { writeDownloads } from "../package/downloads/write-downloads.ts";
import { formatBytes } from "../log/format.ts";
import { computePackageChanges, type PackageChanges } from "../package/changes/compute-changes.ts";
import type { TableFile } from "../package/changes/published-snapshot.ts";
import type { PublishedDataset } from "../package/documentation/types.ts";
import { discardStagingDir } from "../package/promote.ts";
import type { TransformIssue } from "../transform/map-records.ts";
import type { ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import { locateValidationErrors, type LocatedError } from "../validate/locate-errors.ts";
import { enrichTables } from "./enrich-tables.ts";
import { endExtract, type ExtractedResource } from "./extract-package.ts";
import { promoteValidated } from "./promote-validated.ts";
import type { StageClock } from "./stage-clock.ts";
import { transformExtracted } from "./transform-extracted.ts";
import { validateStaged } from "./validate-staged.ts";
import { provenancesByResource, writeStaging } from "./write-staging.ts";

export interface BuildInput {
  declaration: Declaration;
  extracted: ExtractedResource[];
  /** Final folder, `output/<name>`. */
  packageDir: string;
  repositoryUrl: string;
  repositoryRoot: string;
  /** Where answers of the national directory are kept between runs (declarations with `enrich`). */
  enrichmentCacheFile: string;
  clock: StageClock;
  /** What changed is told against the last published version kept here (published-snapshot.ts). */
  changes: { snapshotDir: string; at: string };
  /** Where the dataset is published (publication state), for the documentation's reuse examples. */
  publication?: PublishedDataset;
  signal?: AbortSignal;
}

export const CHANGES_FILE = "changes.json";

export type BuildResult =
  | { status: "invalid"; transformIssues: TransformIssue[]; validationErrors: LocatedError[]; report?: Report }
  | { status: "built"; packageDir: string; scdlExcluded: ScdlExclusion[]; files: number; bytes: number; rows: number; changes: PackageChanges; tableFiles: TableFile[] };

/**
 * transform (map, enrich, derive) → package (in a staging folder) → validate → promote into
 * `output/<name>`. Extract, transform and package are one streamed pass: each record is read,
 * mapped and written before the next, so a source of a million rows is never held; their
 * times are each stage's own share of that pass (StageClock.spend). The table that gets
 * validated is the very file that gets published; an invalid package never replaces the
 * previous good one, and its errors point at the source cells.
 */
export async function buildPackage(input: BuildInput): Promise<BuildResult> {
  const { declaration, clock } = input;
  const schemas = await loadSchemas(declaration);
  const passStarted = performance.now();
  const transformed = transformExtracted(declaration, schemas, input.extracted, {
    elapsed: (ms) => clock.spend("transform", ms),
    enrich: async (table) => {
      if (transformed.issues.length > 0) return;
      const enriched = await enrichTables(declaration, [table], { cacheFile: input.enrichmentCacheFile, signal: input.signal });
      clock.note(`enrich: ${enriched.sirens} SIRENs looked up in Recherche d'entreprises, ${enriched.found} found, ${enriched.cellsFilled} empty cells filled`);
    },
    meter: (table) => clock.meter(table, undefined, "transform"),
  });
  const staged = await writeStaging({
    declaration,
    schemas,
    tables: transformed.tables,
    provenances: provenancesByResource(input.extracted),
    packageDir: input.packageDir,
    repositoryUrl: input.repositoryUrl,
    declarationPath: relative(input.repositoryRoot, declaration.dir).split("\\").join("/"),
    publication: input.publication,
  });
  // What is left of the pass once extract and transform have taken their share (read before they end).
  const packageMs = performance.now() - passStarted - clock.spentIn("extract") - clock.spentIn("transform");
  const issues = transformed.issues;
  endExtract(clock, input.extracted);
  clock.end("transform", { rows: staged.rows, issues: issues.length });
  if (issues.length > 0) {
    await discardStagingDir(staged.dir);
    return { status: "invalid", transformIssues: issues, validationErrors: [] };
  }
  clock.spend("package", packageMs);
  clock.end("package", { files: staged.files, bytes: staged.bytes });

  clock.start("validate");
  const rows = staged.rows;
  const { report, invalidRows } = await validateStaged(staged.dir, (table, totalBytes) => clock.meter(table, totalBytes));
  clock.end("validate", { tables: report.tasks.filter((task) => task.type === "table").length, rows, rowsValid: rows - invalidRows, errors: report.stats.errors });
  if (!report.valid) {
    await discardStagingDir(staged.dir);
    return { status: "invalid", transformIssues: [], validationErrors: locateValidationErrors(report, transformed.origins), report };
  }
  // Downloads are made from the validated CSVs and ride in the same promotion: never of unvalidated data.
  const downloads = await writeDownloads(staged.dir, report).catch(async (error: unknown) => {
    await discardStagingDir(staged.dir);
    throw error;
  });
  const downloadBytes = downloads.files.reduce((sum, file) => sum + file.bytes, 0);
  clock.note(`downloads: ${downloads.files.length} files (XLSX, JSON, NDJSON), ${formatBytes(downloadBytes)}`);
  for (const skipped of downloads.skipped) clock.note(`downloads: no ${skipped.format.toUpperCase()} for ${skipped.table}: ${skipped.reason}`);
  for (const [part, milliseconds] of Object.entries(downloads.timings)) clock.recordStep(`downloads.${part}`, milliseconds);
  const changes = await clock.step("changes", async () => {
    const computed = await computePackageChanges({ package: declaration.name, at: input.changes.at, snapshotDir: input.changes.snapshotDir, tables: tableFiles(declaration, schemas, staged.dir, report) });
    await writeFile(join(staged.dir, CHANGES_FILE), `${JSON.stringify(computed.history, null, 2)}\n`);
    return computed;
  });
  await clock.step("promote", () => promoteValidated(staged.dir, input.packageDir, report));
  const files = staged.files + 2 + downloads.files.length;
  return { status: "built", packageDir: input.packageDir, scdlExcluded: staged.scdlExcluded, files, bytes: staged.bytes + downloadBytes, rows, changes, tableFiles: tableFiles(declaration, schemas, input.packageDir) };
}

/**
 * Each table's published CSV in `dir` (one per declared resource, derived ones included), with
 * its primary key, and its row count when a validation report of these very files is given.
 */
export function tableFiles(declaration: Declaration, schemas: Readonly<Record<string, Schema>>, dir: string, report?: Report): TableFile[] {
  return declaration.resources.map((resource) => {
    const file: TableFile = { table: resource.name, primaryKey: [...(schemas[resource.name]?.primaryKey ?? [])], path: join(dir, `${resource.name}.csv`) };
    const rows = report?.tasks.find((task) => task.name === resource.name)?.stats.rows;
    if (rows !== undefined) file.rows = rows;
    return file;
  });
}

/** The Table Schema of each declared resource, by resource name. */
export async function loadSchemas(declaration: Declaration): Promise<Record<string, Schema>> {
  const schemas: Record<string, Schema> = {};
  for (const resource of declaration.resources) {
    schemas[resource.name] = await loadSchema(resolve(declaration.dir, resource.schema));
  }
  return schemas;
}
