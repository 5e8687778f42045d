import type { InputDeclaration, ResourceDeclaration } from "./types.ts";

/**
 * The sources of a resource, whichever way it declares them: one `source` with its
 * `mapping`, several `inputs`, or none (a derived resource). The stages read this list
 * and never the two forms apart.
 */
export function inputsOf(resource: ResourceDeclaration): InputDeclaration[] {
  if (resource.inputs) return resource.inputs;
  return resource.source ? [{ source: resource.source, mapping: resource.mapping }] : [];
}
