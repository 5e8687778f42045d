import type { RemoteResource, RemoteSchema, ResourcePayload } from "./datagouv/types.ts";
import { extrasContain, mergeExtras, sameJson } from "./same-json.ts";
import { RESOURCE_MARKER, type LocalResource } from "./types.ts";

export type ResourceField = "title" | "description" | "type" | "schema" | "extras";

/** Our stable extras for a resource, with the marker that recognises it as ours. */
export function resourceExtras(local: LocalResource): Record<string, unknown> {
  return { ...local.extras, [RESOURCE_MARKER]: local.key };
}

/**
 * The metadata PUT body. Provenance goes only with an upload; otherwise the provenance
 * already on the server (describing the file that is there) is kept by the merge.
 * url/checksum/filesize/format of a hosted file are server-computed and left out.
 */
export function resourcePayload(local: LocalResource, remote: RemoteResource | undefined, withProvenance: boolean): ResourcePayload {
  const ours = withProvenance ? { ...local.provenance, ...resourceExtras(local) } : resourceExtras(local);
  const payload: ResourcePayload = {
    title: local.title,
    description: local.description,
    type: local.type,
    extras: mergeExtras(remote?.extras, ours),
  };
  if (local.schema) payload.schema = { ...local.schema };
  return payload;
}

export function resourceDifferences(local: LocalResource, remote: RemoteResource): ResourceField[] {
  const differs: ResourceField[] = [];
  if (remote.title !== local.title) differs.push("title");
  if ((remote.description ?? "") !== local.description) differs.push("description");
  if (remote.type !== local.type) differs.push("type");
  if (local.schema && !sameSchema(remote.schema, local.schema)) differs.push("schema");
  if (!extrasContain(remote.extras, resourceExtras(local))) differs.push("extras");
  return differs;
}

function sameSchema(remote: RemoteSchema | null | undefined, want: NonNullable<LocalResource["schema"]>): boolean {
  if (!remote) return false;
  if ("url" in want) {
    // A URL listed in schema.data.gouv.fr's catalog is stored as {name, version, url: null}
    // (docs/datagouv-api.md §7.7): taking that for a difference would PUT every night.
    return remote.url === want.url || (!remote.url && !!remote.name);
  }
  return sameJson({ name: remote.name ?? null, version: remote.version ?? null }, { name: want.name, version: want.version });
}
