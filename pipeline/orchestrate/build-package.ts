import { writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Provenance } from "../extract/types.ts";
import { SOURCE_ROW_NUMBER } from "../extract/types.ts";
import { loadSchema, stripTimings, writePackage, type Report, type Schema } from "../frictionless/index.ts";
import { assembleDescriptor } from "../package/assemble-descriptor.ts";
import { deriveDatasetMetadata } from "../package/dataset-metadata/derive-dataset-metadata.ts";
import { renderDocumentation } from "../package/documentation/render-documentation.ts";
import { createStagingDir, discardStagingDir, promoteStagingDir } from "../package/promote.ts";
import type { TransformIssue } from "../transform/map-records.ts";
import { mapInputs } from "../transform/map-inputs.ts";
import { toScdlSubventions, type ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import { objectsToRows, rowsToObjects, type Table } from "../transform/table.ts";
import type { ExtractedResource } from "./extract-package.ts";
import { enrichTables } from "./enrich-tables.ts";
import { locateValidationErrors, type LocatedError, type TableOrigin } from "../validate/locate-errors.ts";
import type { StageClock } from "./stage-clock.ts";
import { validateOutput } from "../validate/validate-output.ts";

export const DOCUMENTATION_FILE = "documentation.md";
export const VALIDATION_REPORT_FILE = "validation-report.json";

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
  signal?: AbortSignal;
}

export type BuildResult =
  | { status: "invalid"; transformIssues: TransformIssue[]; validationErrors: LocatedError[]; report?: Report }
  | { status: "built"; packageDir: string; tables: Table[]; scdlExcluded: ScdlExclusion[]; files: number; bytes: number; rows: number };

/**
 * transform → package (in a staging folder) → validate → swap into `output/<name>`.
 * The table that gets validated is the very file that gets published; an invalid package
 * never replaces the previous good one.
 */
export async function buildPackage(input: BuildInput): Promise<BuildResult> {
  const { declaration, clock } = input;
  const schemas = await loadSchemas(declaration);

  clock.start("transform");
  const tables: Table[] = [];
  const origins = new Map<string, TableOrigin>();
  const transformIssues: TransformIssue[] = [];
  for (const resource of declaration.resources) {
    const inputs = inputsOf(resource);
    if (inputs.length === 0) continue;
    const schema = schemas[resource.name]!;
    const mapped = await mapInputs(
      schema,
      input.extracted
        .filter((e) => e.name === resource.name)
        .map((e) => ({ source: e.provenance.source, records: e.records, mapping: inputs[e.input]?.mapping ?? {}, rowNumberOf: sourceRowNumber })),
    );
    transformIssues.push(...mapped.issues);
    tables.push({ name: resource.name, schema, rows: mapped.rows });
    origins.set(resource.name, mapped.origins);
  }
  if (transformIssues.length === 0 && declaration.resources.some((r) => r.enrich)) {
    const enriched = await enrichTables(declaration, tables, { cacheFile: input.enrichmentCacheFile, signal: input.signal });
    clock.note(`enrich: ${enriched.sirens} SIRENs looked up in Recherche d'entreprises, ${enriched.found} found, ${enriched.cellsFilled} empty cells filled`);
  }
  const scdlExcluded: ScdlExclusion[] = [];
  for (const resource of declaration.resources.filter((r) => r.derive === "scdl-subventions")) {
    const exported = toScdlSubventions({ appels: rowsOf(tables, "appels", resource), laureats: rowsOf(tables, "laureats", resource) });
    scdlExcluded.push(...exported.excluded);
    tables.push({ name: resource.name, schema: schemas[resource.name]!, rows: objectsToRows(schemas[resource.name]!, exported.rows, `SCDL export "${resource.name}"`) });
  }
  const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);
  clock.end("transform", { rows, issues: transformIssues.length });
  if (transformIssues.length > 0) return { status: "invalid", transformIssues, validationErrors: [] };

  clock.start("package");
  const descriptor = assembleDescriptor({
    declaration,
    schemas,
    provenances: provenancesByResource(input.extracted),
    repositoryUrl: input.repositoryUrl,
    declarationPath: relative(input.repositoryRoot, declaration.dir).split("\\").join("/"),
  });
  const documentation = renderDocumentation({
    package: descriptor as Parameters<typeof renderDocumentation>[0]["package"],
    resources: tables.map((table) => {
      const resource = resourceOf(declaration, table.name);
      return { name: table.name, title: resource.title, description: resource.description, path: `${table.name}.csv`, schema: table.schema, rowCount: table.rows.length, rows: rowsToObjects(table) };
    }),
    scdl: scdlSummary(declaration, tables, scdlExcluded),
    coverage: coverageOf(declaration, tables),
  });
  const staging = await createStagingDir(input.packageDir);
  let written: { files: number; bytes: number };
  try {
    written = await writePackage({
      dir: staging,
      descriptor,
      tables: Object.fromEntries(tables.map((table) => [table.name, table.rows])),
      extraFiles: [{ name: "documentation", path: DOCUMENTATION_FILE, content: documentation, title: "Documentation", format: "md", mediatype: "text/markdown" }],
    });
  } catch (error) {
    await discardStagingDir(staging);
    throw error;
  }
  clock.end("package", { files: written.files, bytes: written.bytes });

  clock.start("validate");
  const report = await validateOutput(staging);
  const invalidRows = countInvalidRows(report);
  clock.end("validate", { tables: report.tasks.filter((task) => task.type === "table").length, rows, rowsValid: rows - invalidRows, errors: report.stats.errors });
  if (!report.valid) {
    await discardStagingDir(staging);
    return { status: "invalid", transformIssues: [], validationErrors: locateValidationErrors(report, origins), report };
  }
  await writeFile(join(staging, VALIDATION_REPORT_FILE), `${JSON.stringify(stripTimings(report), null, 2)}\n`);
  await promoteStagingDir(staging, input.packageDir);
  return { status: "built", packageDir: input.packageDir, tables, scdlExcluded, files: written.files + 1, bytes: written.bytes, rows };
}

/** The physical row the connector recorded, else the position (the header is row 1). */
function sourceRowNumber(record: Record<string, unknown>, index: number): number {
  return typeof record[SOURCE_ROW_NUMBER] === "number" ? (record[SOURCE_ROW_NUMBER] as number) : index + 2;
}

function provenancesByResource(extracted: ExtractedResource[]): Record<string, Provenance[]> {
  const byResource: Record<string, Provenance[]> = {};
  for (const e of extracted) (byResource[e.name] ??= []).push(e.provenance);
  return byResource;
}

async function loadSchemas(declaration: Declaration): Promise<Record<string, Schema>> {
  const schemas: Record<string, Schema> = {};
  for (const resource of declaration.resources) {
    schemas[resource.name] = await loadSchema(resolve(declaration.dir, resource.schema));
  }
  return schemas;
}

function resourceOf(declaration: Declaration, name: string): ResourceDeclaration {
  const resource = declaration.resources.find((r) => r.name === name);
  if (!resource) throw new Error(`resource "${name}" is not declared in ${declaration.file}`);
  return resource;
}

/** Derivations read tables by their conventional names; a package without them cannot derive. */
function rowsOf(tables: Table[], name: string, derived: ResourceDeclaration): Record<string, unknown>[] {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`resource "${derived.name}" (derive: ${derived.derive}) needs a resource named "${name}" in the same package`);
  return rowsToObjects(table);
}

function scdlSummary(declaration: Declaration, tables: Table[], excluded: ScdlExclusion[]) {
  const resource = declaration.resources.find((r) => r.derive === "scdl-subventions");
  if (!resource) return undefined;
  return { resource: resource.name, rowCount: tables.find((t) => t.name === resource.name)?.rows.length ?? 0, excluded };
}

function coverageOf(declaration: Declaration, tables: Table[]) {
  const find = (name: string) => {
    const table = tables.find((t) => t.name === name);
    return table ? rowsToObjects(table) : [];
  };
  const metadata = deriveDatasetMetadata({ appels: find("appels"), laureats: find("laureats"), declaration });
  return { temporalCoverage: metadata.temporalCoverage, spatial: metadata.spatial };
}

function countInvalidRows(report: Report): number {
  const rows = new Set<string>();
  for (const task of report.tasks) {
    for (const error of task.errors) if (typeof error.rowNumber === "number") rows.add(`${task.name}:${error.rowNumber}`);
  }
  return rows.size;
}
