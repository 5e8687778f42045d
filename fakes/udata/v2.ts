import { datasetForRead, datasetForWrite } from "./datasets.ts";
import { abort } from "./api-errors.ts";
import { isPlainObject, parseJsonBody } from "./json-body.ts";
import { json, type Reply } from "../http/reply.ts";
import { nowIso } from "./ids.ts";
import { paginate } from "./pager.ts";
import { renderDataset, renderResource } from "./render.ts";
import { findResourceIn } from "./resources.ts";
import type { RequestContext } from "./router.ts";

/** API v2 read helpers and extras endpoints (docs/datagouv-api.md §11). */

const RESOURCES_PAGE_SIZE = 50;

export function getDatasetV2(context: RequestContext): Reply {
  const dataset = datasetForRead(context);
  const { store } = context;
  const rendered: Record<string, unknown> = renderDataset(store, dataset, context.user);
  const base = `${store.baseUrl}/api/2/datasets/${dataset.id}`;
  rendered.resources = { rel: "subsection", href: `${base}/resources/?page=1&page_size=${RESOURCES_PAGE_SIZE}`, type: "GET", total: dataset.resources.length };
  rendered.community_resources = { rel: "subsection", href: `${store.baseUrl}/api/1/datasets/community_resources/?dataset=${dataset.id}&page=1&page_size=${RESOURCES_PAGE_SIZE}`, type: "GET", total: 0 };
  return json(200, rendered);
}

export function listDatasetResourcesV2(context: RequestContext): Reply {
  const dataset = datasetForRead(context);
  const type = context.url.searchParams.get("type");
  const query = context.url.searchParams.get("q")?.toLowerCase();
  const resources = dataset.resources.filter(
    (resource) => (type === null || resource.type === type) && (!query || resource.title.toLowerCase().includes(query)),
  );
  const page = paginate(resources, context.url, RESOURCES_PAGE_SIZE);
  return json(200, { ...page, data: page.data.map((resource) => renderResource(context.store, resource)) });
}

export function getResourceV2(context: RequestContext): Reply {
  const found = context.store.findResource(context.params.rid ?? "");
  if (!found) throw abort(404, "Resource does not exist");
  return json(200, { resource: renderResource(context.store, found.resource), dataset_id: found.dataset.id });
}

/** The extras object an extras endpoint works on: the dataset's, or one resource's when `rid` is in the path. */
function extrasTarget(context: RequestContext, write: boolean): { extras: Record<string, unknown>; set: (extras: Record<string, unknown>) => void } {
  const dataset = write ? datasetForWrite(context) : datasetForRead(context);
  if (dataset.deleted) throw abort(410, "Dataset has been deleted");
  const rid = context.params.rid;
  if (rid === undefined) {
    return { extras: dataset.extras, set: (extras) => ((dataset.extras = extras), (dataset.last_modified = nowIso())) };
  }
  const resource = findResourceIn(dataset, rid);
  return {
    extras: resource.extras,
    set: (extras) => {
      resource.extras = extras;
      resource.last_modified = nowIso();
      dataset.last_modified = resource.last_modified;
    },
  };
}

export function getExtras(context: RequestContext): Reply {
  return json(200, structuredClone(extrasTarget(context, false).extras));
}

/** Merges the body into the extras; a `null` value deletes that key. */
export function putExtras(context: RequestContext): Reply {
  const target = extrasTarget(context, true);
  const body = parseJsonBody(context.headers["content-type"], context.body);
  if (!isPlainObject(body)) throw abort(400, "Wrong payload format, dict expected");
  const extras = { ...target.extras };
  for (const [key, value] of Object.entries(body)) {
    if (value === null) delete extras[key];
    else extras[key] = structuredClone(value);
  }
  target.set(extras);
  return json(200, structuredClone(extras));
}

/** The body is a JSON array of keys to remove. */
export function deleteExtras(context: RequestContext): Reply {
  const target = extrasTarget(context, true);
  const body = parseJsonBody(context.headers["content-type"], context.body);
  if (!Array.isArray(body)) throw abort(400, "Wrong payload format, list expected");
  const extras = { ...target.extras };
  for (const key of body) if (typeof key === "string") delete extras[key];
  target.set(extras);
  return { status: 204 };
}
