import { abort, formErrors } from "./api-errors.ts";
import { isPlainObject } from "./json-body.ts";
import { CHECKSUM_TYPES, RESOURCE_TYPES } from "./reference-lists.ts";
import type { Checksum, SchemaRef, StoredResource } from "./store.ts";

/**
 * `BaseResourceForm` of docs/datagouv-api.md §7.4/§7.5: validates the keys present in a resource payload
 * and returns the stored values they set. Fields the server computes for hosted files are
 * silently dropped when the resource is (or becomes) a hosted file.
 */

export type ResourceChanges = Partial<Pick<StoredResource, "title" | "description" | "filetype" | "type" | "format" | "url" | "checksum" | "filesize" | "mime" | "extras" | "schema">>;

const HOSTED_PROTECTED_FIELDS = ["url", "checksum", "filesize", "mime", "format"] as const;
const TITLE_MAX = 350;
const DESCRIPTION_MAX = 100_000;

/**
 * `existing` is the resource being updated (PUT), or undefined for a creation, where
 * `title`, `url` and `filetype` are required.
 */
export function validateResourcePayload(payload: Record<string, unknown>, existing: StoredResource | undefined): ResourceChanges {
  const errors: Record<string, unknown> = {};
  const changes: ResourceChanges = {};
  const has = (key: string): boolean => Object.hasOwn(payload, key);
  const creating = existing === undefined;

  if (creating || has("filetype")) {
    const value = payload.filetype;
    if (value !== "file" && value !== "remote") errors.filetype = creating && value === undefined ? ["This field is required."] : ["Not a valid choice"];
    else if (existing && value !== existing.filetype) throw abort(400, "Cannot modify filetype after creation");
    else changes.filetype = value;
  }
  const hosted = (existing?.filetype ?? changes.filetype) === "file";

  if (creating || has("title")) {
    const value = payload.title;
    if (typeof value !== "string" || value.trim() === "") errors.title = ["This field is required."];
    else if (value.length > TITLE_MAX) errors.title = [`Field cannot be longer than ${TITLE_MAX} characters.`];
    else changes.title = value;
  }
  if (has("description")) {
    const value = payload.description;
    if (value === null || value === "") changes.description = null;
    else if (typeof value !== "string") errors.description = ["Not a valid string."];
    else if (value.length > DESCRIPTION_MAX) errors.description = [`Field cannot be longer than ${DESCRIPTION_MAX} characters.`];
    else changes.description = value;
  }
  if (has("type")) {
    const value = payload.type;
    if (typeof value === "string" && RESOURCE_TYPES.some((type) => type.id === value)) changes.type = value;
    else errors.type = ["Not a valid choice"];
  }
  if (has("extras")) {
    const value = payload.extras;
    if (value === null) changes.extras = {};
    else if (isPlainObject(value)) changes.extras = structuredClone(value);
    else errors.extras = ["Extras must be a JSON object."];
  }
  if (has("schema")) {
    const schema = parseSchema(payload.schema);
    if (schema && "errors" in schema) errors.schema = schema.errors;
    else changes.schema = schema;
  }

  if (!(hosted && existing)) {
    if (creating || has("url")) {
      const value = payload.url;
      if (typeof value !== "string" || value === "") errors.url = ["This field is required."];
      else if (!isUrl(value)) errors.url = ["Invalid URL"];
      else changes.url = value;
    }
    if (has("format")) {
      const value = payload.format;
      if (value === null || value === "") changes.format = null;
      else if (typeof value === "string") changes.format = value.trim().toLowerCase();
      else errors.format = ["Not a valid string."];
    }
    if (has("mime")) {
      const value = payload.mime;
      if (value === null || typeof value === "string") changes.mime = value || null;
      else errors.mime = ["Not a valid string."];
    }
    if (has("filesize")) {
      const value = payload.filesize;
      if (value === null) changes.filesize = null;
      else if (typeof value === "number" && Number.isInteger(value) && value >= 0) changes.filesize = value;
      else errors.filesize = ["Not a valid integer value."];
    }
    if (has("checksum")) {
      const checksum = parseChecksum(payload.checksum);
      if (checksum && "errors" in checksum) errors.checksum = checksum.errors;
      else changes.checksum = checksum;
    }
  }
  if (Object.keys(errors).length > 0) throw formErrors(errors);
  if (hosted && existing) for (const field of HOSTED_PROTECTED_FIELDS) delete changes[field];
  return changes;
}

function isUrl(value: string): boolean {
  try {
    return ["http:", "https:", "ftp:", "ftps:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function parseChecksum(value: unknown): Checksum | null | { errors: Record<string, string[]> } {
  if (value === null) return null;
  if (!isPlainObject(value)) return { errors: { value: ["This field is required."] } };
  const type = value.type ?? "sha1";
  const errors: Record<string, string[]> = {};
  if (typeof type !== "string" || !CHECKSUM_TYPES.includes(type)) errors.type = ["Not a valid choice"];
  if (typeof value.value !== "string" || value.value === "") errors.value = ["This field is required."];
  if (Object.keys(errors).length > 0) return { errors };
  return { type: type as string, value: value.value as string };
}

/**
 * Kept simple compared with udata's catalogue checks: `{url}` for a schema hosted anywhere,
 * or `{name, version?}` for one listed on schema.data.gouv.fr; a version alone is refused.
 */
function parseSchema(value: unknown): SchemaRef | null | { errors: Record<string, string[]> } {
  if (value === null) return null;
  if (!isPlainObject(value)) return { errors: { schema: ["Schema must be an object {name, version, url}."] } };
  const name = value.name ?? null;
  const version = value.version ?? null;
  const url = value.url ?? null;
  const errors: Record<string, string[]> = {};
  for (const [key, field] of [["name", name], ["version", version], ["url", url]] as const) {
    if (field !== null && typeof field !== "string") errors[key] = ["Not a valid string."];
  }
  if (typeof url === "string" && !isUrl(url)) errors.url = ["Invalid URL"];
  if (name === null && url === null) {
    if (version !== null) errors.version = ["A schema must contains a name or an URL when a version is provided."];
    else return null;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { name: name as string | null, version: version as string | null, url: url as string | null };
}
