import { datasetForWrite } from "./datasets.ts";
import { formatOf, isAllowedExtension, isHtml, mimeOf, normaliseFilename, sha1Hex, uploadStamp } from "./files.ts";
import { ApiError, abort, formErrors, uploadError } from "./api-errors.ts";
import { json, type Reply } from "../http/reply.ts";
import { nowIso } from "./ids.ts";
import { parseMultipart, type MultipartForm } from "./multipart.ts";
import { renderResource } from "./render.ts";
import { newResource, prependResource, removeStoredFile } from "./resource-model.ts";
import { findResourceIn } from "./resources.ts";
import type { RequestContext } from "./router.ts";
import type { Store, StoredDataset, StoredResource } from "./store.ts";

/**
 * The two upload endpoints (docs/datagouv-api.md §7.1–§7.3): a whole file in field `file`, or the chunked
 * protocol (parts carrying `uuid`, `partindex`, `partbyteoffset`, `totalparts`, `chunksize`,
 * then a finishing call without `file`).
 */

interface ReceivedFile {
  filename: string;
  data: Buffer;
}

/** `POST /datasets/{dataset}/upload/`: a new hosted resource, prepended, 201. */
export function uploadNewResource(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const received = receiveUpload(context);
  if ("partAccepted" in received) return json(200, { success: true });
  const resource = newResource({ title: "", url: "", filetype: "file", type: "main" }, "main");
  storeFile(context.store, dataset, resource, received);
  prependResource(dataset, resource);
  return json(201, { ...renderResource(context.store, resource), success: true });
}

/** `POST /datasets/{dataset}/resources/{rid}/upload/`: same id, new file, title overwritten, 200. */
export function uploadReplacement(context: RequestContext): Reply {
  const dataset = datasetForWrite(context);
  const resource = findResourceIn(dataset, context.params.rid ?? "");
  const received = receiveUpload(context);
  if ("partAccepted" in received) return json(200, { success: true });
  storeFile(context.store, dataset, resource, received);
  dataset.last_modified = resource.last_modified;
  return json(200, { ...renderResource(context.store, resource), success: true });
}

function receiveUpload(context: RequestContext): ReceivedFile | { partAccepted: true } {
  const form = parseMultipart(context.body, context.headers["content-type"]);
  const totalParts = intField(form, "totalparts");
  const file = form.files.file && form.files.file.filename !== "" ? form.files.file : undefined;
  let received: ReceivedFile;
  if (totalParts !== null && totalParts > 1) {
    if (file) {
      saveChunk(context.store, form, file.data);
      return { partAccepted: true };
    }
    received = combineChunks(context.store, form, totalParts);
  } else if (!file) {
    throw uploadError("Missing file parameter");
  } else {
    received = file;
  }
  checkContent(context.store, received);
  if (totalParts !== null && totalParts > 1) context.store.chunks.delete(form.fields.uuid ?? "");
  return received;
}

/** flask-restx `type=int` arguments: absent → null, not an integer → 400. */
function intField(form: MultipartForm, name: string): number | null {
  const raw = form.fields[name];
  if (raw === undefined || raw === "") return null;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new ApiError(400, { errors: { [name]: `invalid literal for int() with base 10: '${raw}'` }, message: "Input payload validation failed" });
  }
  return Number(raw);
}

function saveChunk(store: Store, form: MultipartForm, data: Buffer): void {
  const uuid = form.fields.uuid;
  const partIndex = intField(form, "partindex");
  const chunkSize = intField(form, "chunksize");
  if (!uuid || partIndex === null || chunkSize === null) throw uploadError("Missing uuid, partindex or chunksize parameter");
  if (data.length !== chunkSize) throw uploadError("Chunk size mismatch");
  const upload = store.chunks.get(uuid) ?? { parts: new Map<number, Buffer>() };
  upload.parts.set(partIndex, data);
  store.chunks.set(uuid, upload);
}

/** Parts stay stored until a finishing call succeeds, so a refused finish can be retried. */
function combineChunks(store: Store, form: MultipartForm, totalParts: number): ReceivedFile {
  const uuid = form.fields.uuid ?? "";
  const filename = form.fields.filename;
  if (!filename) throw uploadError("Missing filename parameter");
  const upload = store.chunks.get(uuid);
  const parts: Buffer[] = [];
  for (let index = 0; index < totalParts; index++) {
    const part = upload?.parts.get(index);
    if (!part) throw uploadError(`Missing chunk ${index} of ${totalParts} for upload ${uuid}`);
    parts.push(part);
  }
  return { filename, data: Buffer.concat(parts) };
}

function checkContent(store: Store, received: ReceivedFile): void {
  if (!isAllowedExtension(normaliseFilename(received.filename))) {
    throw abort(400, `This file type is not allowed.The allowed file type list is available at ${store.baseUrl}/api/1/datasets/extensions/`);
  }
  if (isHtml(received.filename, received.data)) throw new ApiError(415, { message: "Incorrect file content type: HTML" });
}

/** Stores the bytes under `/static/resources/<slug>/<stamp>/<filename>` and fills the server-computed fields. */
export function storeFile(store: Store, dataset: StoredDataset, resource: StoredResource, received: ReceivedFile): void {
  const filename = normaliseFilename(received.filename);
  if (filename === "") throw formErrors({ file: ["The file name is empty once normalised."] });
  const stamp = uploadStamp(new Date());
  let path = `/static/resources/${dataset.slug}/${stamp}/${filename}`;
  for (let attempt = 1; store.files.has(path); attempt++) path = `/static/resources/${dataset.slug}/${stamp}-${attempt}/${filename}`;
  const mime = mimeOf(filename);
  store.files.set(path, { data: received.data, mime });
  // A replaced file is deleted from storage, as udata does.
  removeStoredFile(store, resource);
  Object.assign(resource, {
    title: filename,
    filetype: "file",
    url: `${store.baseUrl}${path}`,
    checksum: { type: "sha1", value: sha1Hex(received.data) },
    filesize: received.data.length,
    mime,
    format: formatOf(filename),
    storagePath: path,
    last_modified: nowIso(),
  });
}
