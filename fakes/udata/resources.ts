import { datasetForRead, datasetForWrite, jsonObjectBody } from "./datasets.ts";
import { abort } from "./api-errors.ts";
import { isPlainObject, parseJsonBody } from "./json-body.ts";
import { json, type Reply } from "../http/reply.ts";
import { nowIso } from "./ids.ts";
import { renderResource } from "./render.ts";
import { validateResourcePayload, type ResourceChanges } from "./resource-form.ts";
import { applyResourceChanges, newResource, prependResource, removeStoredFile } from "./resource-model.ts";
import type { RequestContext } from "./router.ts";
import type { StoredDataset, StoredResource } from "./store.ts";

/** Resource endpoints of docs/datagouv-api.md §7.4–§7.6 and the `/datasets/r/{rid}` permalink. */

export function findResourceIn(dataset: StoredDataset, rid: string): StoredResource {
  const resource = dataset.resources.find((candidate) => candidate.id === rid);
  if (!resource) throw abort(404, "Resource does not exist");
  return resource;
}

/** `POST /datasets/{dataset}/resources/`: remote resources only; `type` defaults to `other`. */
export function postRemoteResource(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const body = jsonObjectBody(context);
  if (body.filetype !== "remote") throw abort(400, "This endpoint only supports remote resources");
  const changes = validateResourcePayload(body, undefined) as ResourceChanges & Pick<StoredResource, "title" | "url" | "filetype">;
  const resource = newResource(changes, "other");
  prependResource(dataset, resource);
  return json(201, renderResource(context.store, resource));
}

export function getResource(context: RequestContext): Reply {
  const dataset = datasetForRead(context);
  return json(200, renderResource(context.store, findResourceIn(dataset, context.params.rid ?? "")));
}

export function putResource(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const resource = findResourceIn(dataset, context.params.rid ?? "");
  applyResourceChanges(resource, validateResourcePayload(jsonObjectBody(context), resource));
  dataset.last_modified = nowIso();
  return json(200, renderResource(context.store, resource));
}

export function deleteResource(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const resource = findResourceIn(dataset, context.params.rid ?? "");
  dataset.resources = dataset.resources.filter((candidate) => candidate !== resource);
  removeStoredFile(context.store, resource);
  dataset.last_modified = nowIso();
  return { status: 204 };
}

/**
 * `PUT /datasets/{dataset}/resources/`: a JSON array naming every resource, as ids or
 * `{id, ...metadata}` objects; reordering alone leaves `last_modified` untouched.
 */
export function reorderResources(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const body = parseJsonBody(context.headers["content-type"], context.body);
  if (!Array.isArray(body)) throw abort(400, "Wrong payload format, list expected");
  const entries = body.map((entry) => {
    if (typeof entry === "string") return { id: entry, payload: undefined };
    if (isPlainObject(entry) && typeof entry.id === "string") return { id: entry.id, payload: entry };
    throw abort(400, "Each resource must be given by its id, or an object with an id");
  });
  const total = dataset.resources.length;
  if (entries.length !== total) throw abort(400, `All resources must be reordered, you provided ${entries.length} out of ${total}`);
  const ids = entries.map((entry) => entry.id);
  const existing = dataset.resources.map((resource) => resource.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !existing.includes(id))) {
    throw abort(400, `Resource ids must match existing ones in dataset, ie: {${existing.map((id) => `'${id}'`).join(", ")}}`);
  }
  const reordered = entries.map((entry) => {
    const resource = dataset.resources.find((candidate) => candidate.id === entry.id)!;
    const { id: _ignored, ...metadata } = entry.payload ?? {};
    if (Object.keys(metadata).length > 0) applyResourceChanges(resource, validateResourcePayload(metadata, resource));
    return resource;
  });
  dataset.resources = reordered;
  return json(200, reordered.map((resource) => renderResource(context.store, resource)));
}

/** `GET /datasets/r/{rid}`: 302 to the current file URL. */
export function resourcePermalink(context: RequestContext): Reply {
  const found = context.store.findResource(context.params.rid ?? "");
  if (!found) throw abort(404, "Resource does not exist");
  return { status: 302, headers: { location: found.resource.url }, body: { message: `Redirecting to ${found.resource.url}` } };
}
