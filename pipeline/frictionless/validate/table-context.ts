import type { Package, Resource } from "../descriptor/types.ts";
import type { ReferenceIndexes } from "./reference-index.ts";

/** What a table's validation needs to know about the package around it. */
export interface TableContext {
  package?: Package;
  /** Shared across the tasks of a package so that each referenced key set is built once. */
  references?: ReferenceIndexes;
}

/** Another resource of the package, by name (for foreign keys and cross-table custom checks). */
export function findResource(pkg: Package | undefined, name: string): Resource {
  const resource = pkg?.resources.find((r) => r.name === name);
  if (resource === undefined) throw new Error(pkg ? `the package has no resource "${name}"` : `"${name}" is another resource, and this table is not validated as part of a package`);
  return resource;
}
