import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Provenance } from "../extract/types.ts";
import { writePackage, type Schema } from "../frictionless/index.ts";
import { assembleDescriptor } from "../package/assemble-descriptor.ts";
import { deriveDatasetMetadata } from "../package/dataset-metadata/derive-dataset-metadata.ts";
import { renderDocumentation, renderDocumentationSummary } from "../package/documentation/render-documentation.ts";
import { renderDocumentationHtml } from "../package/documentation/render-html.ts";
import type { PublishedDataset } from "../package/documentation/types.ts";
import { createStagingDir, discardStagingDir } from "../package/promote.ts";
import type { ScdlExclusion } from "../transform/scdl/to-scdl-subventions.ts";
import { rowsToObjects, type Table } from "../transform/table.ts";

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
  /** Every table of the package, derived ones included. */
  tables: readonly Table[];
  /** Where each resource's rows were read, by resource name. */
  provenances: Readonly<Record<string, readonly Provenance[]>>;
  scdlExcluded: readonly ScdlExclusion[];
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
}

/**
 * The package stage: datapackage.json, one CSV per table and documentation.md, written to a
 * new staging folder beside `packageDir` (never into it). A failed write leaves no folder behind.
 */
export async function writeStaging(input: StagingInput): Promise<StagedPackage> {
  const { declaration, tables } = input;
  const descriptor = assembleDescriptor({
    declaration,
    schemas: input.schemas,
    provenances: input.provenances,
    repositoryUrl: input.repositoryUrl,
    declarationPath: input.declarationPath,
  });
  const documentationInput = {
    package: descriptor as Parameters<typeof renderDocumentation>[0]["package"],
    resources: tables.map((table) => {
      const resource = resourceOf(declaration, table.name);
      return { name: table.name, title: resource.title, description: resource.description, path: `${table.name}.csv`, schema: table.schema, rowCount: table.rows.length, rows: rowsToObjects(table) };
    }),
    scdl: scdlSummary(declaration, tables, input.scdlExcluded),
    coverage: coverageOf(declaration, tables),
    publication: input.publication,
  };
  const documentation = renderDocumentation(documentationInput);
  const dir = await createStagingDir(input.packageDir);
  try {
    const written = await writePackage({
      dir,
      descriptor,
      tables: Object.fromEntries(tables.map((table) => [table.name, table.rows])),
      extraFiles: [
        { name: "documentation", path: DOCUMENTATION_FILE, content: documentation, title: "Documentation", description: renderDocumentationSummary(documentationInput), format: "md", mediatype: "text/markdown" },
      ],
    });
    const html = Buffer.from(renderDocumentationHtml(documentation, declaration.title), "utf8");
    await writeFile(join(dir, DOCUMENTATION_HTML_FILE), html);
    return { dir, files: written.files + 1, bytes: written.bytes + html.length };
  } catch (error) {
    await discardStagingDir(dir);
    throw error;
  }
}

/** Where each resource's rows were read, by resource name, from the extract stage's output. */
export function provenancesByResource(extracted: readonly { name: string; provenance: Provenance }[]): Record<string, Provenance[]> {
  const byResource: Record<string, Provenance[]> = {};
  for (const e of extracted) (byResource[e.name] ??= []).push(e.provenance);
  return byResource;
}

function resourceOf(declaration: Declaration, name: string): ResourceDeclaration {
  const resource = declaration.resources.find((r) => r.name === name);
  if (!resource) throw new Error(`resource "${name}" is not declared in ${declaration.file}`);
  return resource;
}

function scdlSummary(declaration: Declaration, tables: readonly Table[], excluded: readonly ScdlExclusion[]) {
  const resource = declaration.resources.find((r) => r.derive === "scdl-subventions");
  if (!resource) return undefined;
  return { resource: resource.name, rowCount: tables.find((t) => t.name === resource.name)?.rows.length ?? 0, excluded: [...excluded] };
}

function coverageOf(declaration: Declaration, tables: readonly Table[]) {
  const find = (name: string) => {
    const table = tables.find((t) => t.name === name);
    return table ? rowsToObjects(table) : [];
  };
  const metadata = deriveDatasetMetadata({ appels: find("appels"), laureats: find("laureats"), declaration });
  return { temporalCoverage: metadata.temporalCoverage, spatial: metadata.spatial };
}
