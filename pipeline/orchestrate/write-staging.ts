import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Provenance } from "../extract/types.ts";
import { readRecords, writePackage, type Resource, type Schema } from "../frictionless/index.ts";
import { assembleDescriptor } from "../package/assemble-descriptor.ts";
import { metadataFrom } from "../package/dataset-metadata/derive-dataset-metadata.ts";
import { renderDocumentation, renderDocumentationSummary } from "../package/documentation/render-documentation.ts";
import { renderDocumentationHtml } from "../package/documentation/render-html.ts";
import type { DocumentationInput, PublishedDataset } from "../package/documentation/types.ts";
import { createStagingDir, discardStagingDir } from "../package/promote.ts";
import type { ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import type { StreamedTable } from "../transform/table.ts";
import { deriveTables } from "./derive-tables.ts";
import { PackageSummary } from "./package-summary.ts";

export const DOCUMENTATION_FILE = "documentation.md";
/**
 * The same documentation as a web page, for the site. Not a resource of the package: data.gouv.fr
 * refuses to host HTML (415, docs/datagouv-api.md §7.1), so there the Markdown file is published,
 * with a description that data.gouv.fr renders.
 */
export const DOCUMENTATION_HTML_FILE = "documentation.html";

export interface StagingInput {
  declaration: Declaration;
  schemas: Readonly<Record<string, Schema>>;
  /** Every table read from sources, each read once as it is written; derived tables are made here. */
  tables: readonly StreamedTable[];
  /** Where each resource's rows were read, by resource name. */
  provenances: Readonly<Record<string, readonly Provenance[]>>;
  /** Final folder, `output/<name>`: the staging folder is made beside it. */
  packageDir: string;
  repositoryUrl: string;
  /** Folder of the declaration relative to the repository root. */
  declarationPath: string;
  /** Where the dataset is published (publication state), for the documentation's reuse examples. */
  publication?: PublishedDataset;
}

export interface StagedPackage {
  /** The staging folder, to validate, then promote or discard. */
  dir: string;
  files: number;
  bytes: number;
  /** Rows written, over every table, derived ones included. */
  rows: number;
  /** Lauréats the SCDL export left out, and why. */
  scdlExcluded: ScdlExclusion[];
}

/**
 * The package stage: one CSV per table, documentation.md and datapackage.json, written to a
 * new staging folder beside `packageDir` (never into it). Rows stream to the files: derived
 * tables are computed by reading back the files just written, and the documentation from
 * what was tallied on the way (package-summary.ts). A failed write leaves no folder behind.
 */
export async function writeStaging(input: StagingInput): Promise<StagedPackage> {
  const { declaration, schemas } = input;
  const descriptor = assembleDescriptor({
    declaration,
    schemas,
    provenances: input.provenances,
    repositoryUrl: input.repositoryUrl,
    declarationPath: input.declarationPath,
  });
  const dir = await createStagingDir(input.packageDir);
  try {
    const derived = deriveTables(declaration, schemas, (name) => readStaged(dir, name, schemas), input.tables.map((table) => table.name));
    const tables = [...input.tables, ...derived.tables];
    const summary = new PackageSummary();
    // Rendered once every table is written, from what was tallied on the way.
    let rendered: { input: DocumentationInput; markdown: string } | undefined;
    const documentation = () => {
      if (rendered) return rendered;
      const documentationInput: DocumentationInput = {
        package: descriptor as DocumentationInput["package"],
        resources: tables.map((table) => {
          const resource = resourceOf(declaration, table.name);
          const rowCount = summary.rowCounts.get(table.name) ?? 0;
          return { name: table.name, title: resource.title, description: resource.description, path: `${table.name}.csv`, schema: table.schema, rowCount, rows: summary.firstRows.get(table.name) ?? [] };
        }),
        scdl: scdlSummary(declaration, summary, derived.scdlExcluded),
        coverage: metadataFrom(summary.coverage, declaration),
        completeness: summary.completeness.entries(),
        citedSources: [...summary.cited],
        publication: input.publication,
      };
      rendered = { input: documentationInput, markdown: renderDocumentation(documentationInput) };
      return rendered;
    };
    const written = await writePackage({
      dir,
      descriptor,
      tables: Object.fromEntries(tables.map((table) => [table.name, summary.tap(table)])),
      extraFiles: [
        {
          name: "documentation",
          path: DOCUMENTATION_FILE,
          content: () => documentation().markdown,
          title: "Documentation",
          description: () => renderDocumentationSummary(documentation().input),
          format: "md",
          mediatype: "text/markdown",
        },
      ],
    });
    const html = Buffer.from(renderDocumentationHtml(documentation().markdown, declaration.title), "utf8");
    await writeFile(join(dir, DOCUMENTATION_HTML_FILE), html);
    return { dir, files: written.files + 1, bytes: written.bytes + html.length, rows: summary.totalRows, scdlExcluded: derived.scdlExcluded };
  } catch (error) {
    await discardStagingDir(dir);
    throw error;
  }
}

/** A table just written to the staging folder, read back as records (field name → logical value). */
function readStaged(dir: string, name: string, schemas: Readonly<Record<string, Schema>>): AsyncIterable<Record<string, unknown>> {
  const resource = { name, path: `${name}.csv`, format: "csv", encoding: "utf-8", schema: schemas[name] } as Resource;
  return readRecords(resource, dir);
}

/** Where each resource's rows were read, by resource name, from the extract stage's output. */
export function provenancesByResource(extracted: readonly { name: string; provenance(): Provenance }[]): Record<string, Provenance[]> {
  const byResource: Record<string, Provenance[]> = {};
  for (const e of extracted) (byResource[e.name] ??= []).push(e.provenance());
  return byResource;
}

function resourceOf(declaration: Declaration, name: string): ResourceDeclaration {
  const resource = declaration.resources.find((r) => r.name === name);
  if (!resource) throw new Error(`resource "${name}" is not declared in ${declaration.file}`);
  return resource;
}

function scdlSummary(declaration: Declaration, summary: PackageSummary, excluded: readonly ScdlExclusion[]) {
  const resource = declaration.resources.find((r) => r.derive === "scdl-subventions");
  if (!resource) return undefined;
  return { resource: resource.name, rowCount: summary.rowCounts.get(resource.name) ?? 0, excluded: [...excluded] };
}
