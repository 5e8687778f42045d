import type { Package, Resource, Schema, Source } from "../frictionless/index.ts";
import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration } from "../declaration/types.ts";
import type { Provenance } from "../extract/types.ts";

export interface AssembleInput {
  declaration: Declaration;
  /** Table Schema of each resource, by resource name (written inline). */
  schemas: Readonly<Record<string, Schema>>;
  /** Provenance of each source of each resource read from sources, by resource name. */
  provenances: Readonly<Record<string, readonly Provenance[]>>;
  /** Where the repository's files can be browsed (local sources are linked there). */
  repositoryUrl: string;
  /** Folder of the declaration relative to the repository root, e.g. `datapackages/aap-transformation-publique`. */
  declarationPath: string;
}

/** Cited by every resource whose empty cells were filled from the national directory. */
export const RECHERCHE_ENTREPRISES_SOURCE: Source = {
  title: "API Recherche d'entreprises (annuaire des entreprises, données Sirene)",
  path: "https://recherche-entreprises.api.gouv.fr",
};

/**
 * The descriptor of the data package we publish, from its declaration and what the run read.
 * Only stable facts go in (no fetch time): the same sources give the same bytes, so an
 * unchanged night leaves datapackage.json, and its hash on data.gouv.fr, unchanged.
 */
export function assembleDescriptor(input: AssembleInput): Package {
  const { declaration } = input;
  const resources: Resource[] = declaration.resources.map((resource) => {
    const provenances = input.provenances[resource.name] ?? [];
    const sources: Source[] = provenances.length > 0
      ? [...provenances.map((provenance) => sourceEntry(provenance, input)), ...(resource.enrich ? [RECHERCHE_ENTREPRISES_SOURCE] : [])]
      : resource.derive
        ? derivedSources(declaration, resource.name)
        : [];
    const schema = input.schemas[resource.name];
    if (!schema) throw new Error(`no schema loaded for resource "${resource.name}"`);
    return clean({
      name: resource.name,
      type: "table",
      path: `${resource.name}.csv`,
      title: resource.title,
      description: resource.description,
      sources,
      schema,
    });
  });
  const packageSources = uniqueSources([...(declaration.sources ?? []), ...resources.flatMap((r) => (r.sources ?? []).filter((s) => isUrl(s.path)))]);
  return clean({
    name: declaration.name,
    title: declaration.title,
    description: declaration.description,
    version: declaration.version,
    homepage: declaration.homepage,
    licenses: declaration.licenses,
    keywords: declaration.keywords,
    contributors: declaration.contributors,
    sources: packageSources,
    resources,
  }) as Package;
}

function sourceEntry(provenance: Provenance, input: AssembleInput): Source {
  const path = isUrl(provenance.source) ? provenance.source : `${input.repositoryUrl}/blob/main/${input.declarationPath}/${provenance.source}`;
  return clean({
    title: provenance.title ?? provenance.source,
    path,
    hash: provenance.sha256 ? `sha256:${provenance.sha256}` : undefined,
    lastModified: provenance.lastModified,
  });
}

function derivedSources(declaration: Declaration, name: string): Source[] {
  return declaration.resources
    .filter((resource) => inputsOf(resource).length > 0 && resource.name !== name)
    .map((resource) => ({ title: `Table ${resource.name} de ce paquet`, path: `${resource.name}.csv` }));
}

function uniqueSources(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = source.path ?? source.title ?? JSON.stringify(source);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isUrl(path: string | undefined): boolean {
  return typeof path === "string" && /^https?:\/\//.test(path);
}

/** Drop undefined values and empty arrays so the descriptor holds only what we know. */
function clean<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))) as T;
}
