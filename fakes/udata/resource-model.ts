import { ApiError, formErrors } from "./api-errors.ts";
import { isPlainObject } from "./json-body.ts";
import { isUuid, newResourceId, nowIso } from "./ids.ts";
import { validateResourcePayload, type ResourceChanges } from "./resource-form.ts";
import type { Store, StoredDataset, StoredResource } from "./store.ts";

/** Resource creation and update on the stored dataset, shared by the resource endpoints and the dataset PUT. */

export function newResource(changes: ResourceChanges & Pick<StoredResource, "title" | "url" | "filetype">, defaultType: string): StoredResource {
  const now = nowIso();
  return {
    id: newResourceId(),
    title: changes.title,
    description: changes.description ?? null,
    filetype: changes.filetype,
    type: changes.type ?? defaultType,
    format: changes.format ?? null,
    url: changes.url,
    checksum: changes.checksum ?? null,
    filesize: changes.filesize ?? null,
    mime: changes.mime ?? null,
    created_at: now,
    last_modified: now,
    extras: changes.extras ?? {},
    schema: changes.schema ?? null,
    storagePath: null,
  };
}

export function applyResourceChanges(resource: StoredResource, changes: ResourceChanges): void {
  Object.assign(resource, changes);
  resource.last_modified = nowIso();
}

/** New resources go first (`$push` with `$position: 0`). */
export function prependResource(dataset: StoredDataset, resource: StoredResource): void {
  dataset.resources.unshift(resource);
  dataset.last_modified = nowIso();
}

export function removeStoredFile(store: Store, resource: StoredResource): void {
  if (resource.storagePath) store.files.delete(resource.storagePath);
}

/**
 * The `resources` key of a dataset PUT replaces the whole list: known ids are updated in place,
 * entries without (or with an unknown) id become new resources, missing ones disappear.
 */
export function replaceResourceList(store: Store, dataset: StoredDataset, entries: unknown[]): void {
  const ids = entries.flatMap((entry) => (isPlainObject(entry) && typeof entry.id === "string" ? [entry.id] : []));
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    // Model-level validation (`Dataset.clean`): errors plus a message.
    const message = `Duplicate resource ID ${duplicate} in dataset resources`;
    throw new ApiError(400, { errors: { resources: [message] }, message });
  }
  const errors: unknown[] = [];
  const next: StoredResource[] = [];
  entries.forEach((entry, index) => {
    if (!isPlainObject(entry)) {
      errors[index] = { resource: ["Not a valid resource object."] };
      return;
    }
    const id = entry.id;
    if (id !== undefined && id !== null && (typeof id !== "string" || !isUuid(id))) {
      errors[index] = { id: ["Invalid UUID"] };
      return;
    }
    const existing = typeof id === "string" ? dataset.resources.find((resource) => resource.id === id) : undefined;
    try {
      if (existing) {
        applyResourceChanges(existing, validateResourcePayload(entry, existing));
        next.push(existing);
      } else {
        const changes = validateResourcePayload(entry, undefined);
        next.push(newResource(changes as ResourceChanges & Pick<StoredResource, "title" | "url" | "filetype">, "main"));
      }
    } catch (error) {
      const body = (error as { body?: { errors?: unknown } }).body;
      if (!body?.errors) throw error;
      errors[index] = body.errors;
    }
  });
  if (errors.length > 0) throw formErrors({ resources: Array.from(errors, (entryErrors) => entryErrors ?? {}) });
  for (const resource of dataset.resources) if (!next.includes(resource)) removeStoredFile(store, resource);
  dataset.resources = next;
}
