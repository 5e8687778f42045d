import { ApiError, NOT_FOUND_TEXT, UNAUTHORIZED_TEXT, abort } from "./api-errors.ts";
import type { Store, StoredDataset, User } from "./store.ts";

const WWW_AUTHENTICATE = { "www-authenticate": 'Bearer realm="uData"' };

/**
 * udata authenticates on every API method: an unknown key fails even on a public GET,
 * while no key at all is only refused by secured endpoints (see `requireUser`).
 */
export function authenticate(store: Store, apiKeyHeader: string | string[] | undefined): User | null {
  const apiKey = Array.isArray(apiKeyHeader) ? apiKeyHeader[0] : apiKeyHeader;
  if (apiKey === undefined || apiKey === "") return null;
  const user = store.userByKey(apiKey);
  if (!user) throw new ApiError(401, { message: "Invalid API token" }, WWW_AUTHENTICATE);
  return user;
}

export function requireUser(user: User | null): User {
  if (!user) throw new ApiError(401, { message: UNAUTHORIZED_TEXT }, WWW_AUTHENTICATE);
  return user;
}

export function canEdit(store: Store, user: User | null, dataset: StoredDataset): boolean {
  if (!user) return false;
  if (dataset.organizationId) return store.isMember(user, dataset.organizationId);
  return dataset.ownerId === user.id;
}

export function assertCanEdit(store: Store, user: User | null, dataset: StoredDataset): void {
  if (!canEdit(store, user, dataset)) throw abort(403, "You do not have the permission to modify that object.");
}

/** Private datasets are hidden (404) and deleted ones gone (410) for everyone but owners and members. */
export function assertCanRead(store: Store, user: User | null, dataset: StoredDataset): void {
  if (canEdit(store, user, dataset)) return;
  if (dataset.private) throw abort(404, NOT_FOUND_TEXT);
  if (dataset.deleted) throw abort(410, "Dataset has been deleted");
}
