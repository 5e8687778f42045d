import { assertCanEdit, assertCanRead, requireUser } from "./auth.ts";
import { validateDatasetPayload } from "./dataset-form.ts";
import { createDataset, updateDataset } from "./dataset-model.ts";
import { ApiError, NOT_FOUND_TEXT, abort } from "./api-errors.ts";
import { parseJsonBody, requireJsonObject } from "./json-body.ts";
import { json, type Reply } from "../http/reply.ts";
import { nowIso } from "./ids.ts";
import { renderDataset } from "./render.ts";
import type { RequestContext } from "./router.ts";
import type { StoredDataset } from "./store.ts";

/**
 * `{dataset}` in a URL is an id or a slug (`udata/routing.py`); a former slug answers 308
 * to the same URL with the current slug.
 */
export function lookupDataset(context: RequestContext): StoredDataset {
  const reference = context.params.dataset ?? "";
  const { store } = context;
  const dataset = store.datasetById(reference) ?? store.datasets.find((candidate) => candidate.slug === reference);
  if (dataset) return dataset;
  const renamed = store.datasets.find((candidate) => candidate.previousSlugs.includes(reference));
  if (!renamed) throw abort(404, NOT_FOUND_TEXT);
  const location = new URL(context.url);
  location.pathname = location.pathname.replace(`/${encodeURIComponent(reference)}/`, `/${renamed.slug}/`);
  throw new ApiError(308, { message: `Redirecting to ${location.href}` }, { location: location.href });
}

export function datasetForRead(context: RequestContext): StoredDataset {
  const dataset = lookupDataset(context);
  assertCanRead(context.store, context.user, dataset);
  return dataset;
}

/** Writes on a deleted dataset are gone (410); then only owners and members may write (403). */
export function datasetForWrite(context: RequestContext): StoredDataset {
  const dataset = lookupDataset(context);
  if (dataset.deleted) throw abort(410, "Dataset has been deleted");
  assertCanEdit(context.store, context.user, dataset);
  return dataset;
}

export function jsonObjectBody(context: RequestContext): Record<string, unknown> {
  return requireJsonObject(parseJsonBody(context.headers["content-type"], context.body));
}

export function postDataset(context: RequestContext): Reply {
  const user = requireUser(context.user);
  const changes = validateDatasetPayload(jsonObjectBody(context), "create");
  const dataset = createDataset(context.store, user, changes);
  return json(201, renderDataset(context.store, dataset, user));
}

export function getDataset(context: RequestContext): Reply {
  return json(200, renderDataset(context.store, datasetForRead(context), context.user));
}

export function putDataset(context: RequestContext): Reply {
  const dataset = lookupDataset(context);
  const payload = jsonObjectBody(context);
  // `{"deleted": null}` is the documented restore call; any other write on a deleted dataset is refused.
  if (dataset.deleted && !(Object.hasOwn(payload, "deleted") && payload.deleted === null)) {
    throw abort(410, "Dataset has been deleted");
  }
  assertCanEdit(context.store, context.user, dataset);
  updateDataset(context.store, dataset, validateDatasetPayload(payload, "update"));
  return json(200, renderDataset(context.store, dataset, context.user));
}

export function deleteDataset(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  dataset.deleted = nowIso();
  dataset.last_modified = dataset.deleted;
  return { status: 204 };
}
