import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { readRecords, type Package, type Resource } from "../frictionless/index.ts";
import { CoverageTally, metadataFrom } from "../package/dataset-metadata/derive-dataset-metadata.ts";
import { DOWNLOAD_FORMATS, downloadPath } from "../package/downloads/formats.ts";
import type { LocalDataset, LocalResource } from "../publish/index.ts";
import { downloadResources, emptyScdlTables } from "./offered-files.ts";
import { DOCUMENTATION_FILE } from "./write-staging.ts";

export interface ProvenanceContext {
  /** Commit of the pipeline that built the package. */
  gitCommit?: string;
  /** Link to the CI run. */
  runUrl?: string;
  /** When the package passed validation (ISO 8601). */
  validatedAt: string;
}

/** The SCDL export is declared on data.gouv.fr by its catalogue name, so the national consolidation finds it. */
const SCDL_CATALOG_NAME = "scdl/subventions";

/**
 * What publishing one built package means for data.gouv.fr: the dataset's metadata and
 * one resource per file of `output/<name>/` (each table's CSV and its downloads, the descriptor,
 * the documentation), read from the folder itself, so that `aap publish` after `aap build`
 * publishes exactly what was validated; and the files withheld on purpose, with why.
 */
export async function localDatasetFromOutput(declaration: Declaration, packageDir: string, context: ProvenanceContext): Promise<LocalDataset> {
  const descriptor = JSON.parse(await readFile(join(packageDir, "datapackage.json"), "utf8")) as Package;
  const tables = descriptor.resources.filter((resource) => resource.type === "table");
  // Streamed: a table of a million lauréats is tallied, never held.
  const coverage = new CoverageTally();
  const tally = async (name: string, add: (row: Record<string, unknown>) => void) => {
    const resource = tables.find((r) => r.name === name);
    if (resource) for await (const record of readRecords(resource, packageDir)) add(record);
  };
  await tally("appels", (row) => coverage.addAppel(row));
  await tally("laureats", (row) => coverage.addLaureat(row));
  const metadata = metadataFrom(coverage, declaration);
  const sources = (descriptor.sources ?? []).map((source) => ({ title: source.title, path: source.path, lastModified: source.lastModified }));
  const provenance = {
    "aap:git-commit": context.gitCommit,
    "aap:run-url": context.runUrl,
    "aap:validated-at": context.validatedAt,
    "aap:sources": sources,
  };
  const stable = { "aap:package-version": declaration.version };

  const packaged: LocalResource[] = descriptor.resources.map((resource) => ({
    key: String(resource.path),
    file: join(packageDir, String(resource.path)),
    title: resource.title ?? resource.name,
    description: resource.description ?? "",
    type: resource.name === "documentation" ? "documentation" : "main",
    format: resource.format ?? String(resource.path).split(".").pop() ?? "",
    schema: resource.type === "table" ? schemaReference(declaration, resource) : undefined,
    extras: { ...stable, ...(resource.type === "table" && resource.schema?.version ? { "aap:schema-version": resource.schema.version } : {}) },
    provenance,
  }));
  const withheld = await emptyScdlTables(declaration, descriptor, packageDir);
  const resources: LocalResource[] = [];
  for (const resource of packaged) {
    const isTable = tables.some((table) => table.path === resource.key);
    if (withheld.some((file) => file.key === resource.key)) {
      // Its downloads would be as empty as it is.
      if (isTable) withheld.push(...DOWNLOAD_FORMATS.map((format) => ({ key: downloadPath(resource.key, format), cause: "table-withheld" as const, reason: `its table ${resource.key} is not offered` })));
      continue;
    }
    resources.push(resource);
    if (!isTable) continue;
    const downloads = await downloadResources(resource, packageDir, stable);
    resources.push(...downloads.resources);
    withheld.push(...downloads.withheld);
  }
  resources.push({
    key: "datapackage.json",
    file: join(packageDir, "datapackage.json"),
    title: "Descripteur du paquet de données (datapackage.json)",
    description:
      "Description normalisée (Frictionless Data Package v2) de toutes les tables de ce jeu de données : " +
      "schémas, clés, sources et empreintes des fichiers. Utilisable avec frictionless-py ou frictionless-ts.",
    type: "other",
    format: "json",
    extras: stable,
    provenance,
  });
  return {
    package: declaration.name,
    title: declaration.title,
    description: declaration.description,
    license: declaration.licenses[0]?.name ?? "",
    frequency: declaration.datagouv.frequency,
    tags: metadata.tags,
    temporalCoverage: metadata.temporalCoverage,
    spatial: metadata.spatial,
    organization: declaration.datagouv.organization ?? undefined,
    private: declaration.datagouv.private,
    extras: stable,
    resources: sortDocumentationLast(resources),
    withheld,
  };
}

function schemaReference(declaration: Declaration, resource: Resource): LocalResource["schema"] {
  const declared = declaration.resources.find((r) => r.name === resource.name);
  const schema = resource.schema as Record<string, unknown> | undefined;
  if (declared?.derive === "scdl-subventions" && typeof schema?.version === "string") return { name: SCDL_CATALOG_NAME, version: schema.version };
  return typeof schema?.path === "string" && /^https?:\/\//.test(schema.path) ? { url: schema.path } : undefined;
}

/** Tables first, each followed by its downloads (what people come for), then the descriptor, then the documentation. */
function sortDocumentationLast(resources: LocalResource[]): LocalResource[] {
  const rank = (resource: LocalResource) => (resource.key === DOCUMENTATION_FILE ? 2 : resource.key === "datapackage.json" ? 1 : 0);
  return [...resources].sort((a, b) => rank(a) - rank(b));
}
