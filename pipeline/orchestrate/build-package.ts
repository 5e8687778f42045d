import { relative, resolve } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { loadSchema, type Report, type Schema } from "../frictionless/index.ts";
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
  signal?: AbortSignal;
}

export type BuildResult =
  | { status: "invalid"; transformIssues: TransformIssue[]; validationErrors: LocatedError[]; report?: Report }
  | { status: "built"; packageDir: string; scdlExcluded: ScdlExclusion[]; files: number; bytes: number; rows: number };

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
  });
  const staged = await writeStaging({
    declaration,
    schemas,
    tables: transformed.tables,
    provenances: provenancesByResource(input.extracted),
    packageDir: input.packageDir,
    repositoryUrl: input.repositoryUrl,
    declarationPath: relative(input.repositoryRoot, declaration.dir).split("\\").join("/"),
  });
  const issues = transformed.issues;
  endExtract(clock, input.extracted);
  clock.end("transform", { rows: staged.rows, issues: issues.length });
  if (issues.length > 0) {
    await discardStagingDir(staged.dir);
    return { status: "invalid", transformIssues: issues, validationErrors: [] };
  }
  clock.spend("package", performance.now() - passStarted - clock.spentIn("extract") - clock.spentIn("transform"));
  clock.end("package", { files: staged.files, bytes: staged.bytes });

  clock.start("validate");
  const rows = staged.rows;
  const { report, invalidRows } = await validateStaged(staged.dir);
  clock.end("validate", { tables: report.tasks.filter((task) => task.type === "table").length, rows, rowsValid: rows - invalidRows, errors: report.stats.errors });
  if (!report.valid) {
    await discardStagingDir(staged.dir);
    return { status: "invalid", transformIssues: [], validationErrors: locateValidationErrors(report, transformed.origins), report };
  }
  await promoteValidated(staged.dir, input.packageDir, report);
  return { status: "built", packageDir: input.packageDir, scdlExcluded: staged.scdlExcluded, files: staged.files + 1, bytes: staged.bytes, rows };
}

/** The Table Schema of each declared resource, by resource name. */
export async function loadSchemas(declaration: Declaration): Promise<Record<string, Schema>> {
  const schemas: Record<string, Schema> = {};
  for (const resource of declaration.resources) {
    schemas[resource.name] = await loadSchema(resolve(declaration.dir, resource.schema));
  }
  return schemas;
}
