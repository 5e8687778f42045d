import { randomUUID } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { FormData, type HttpRequest, type RetryPolicy } from "../../http/client.ts";
import { DatagouvError } from "./errors.ts";

/** A local file to upload under a given name. */
export interface UploadFile {
  path: string;
  /** Name sent to the server (it normalises it into the resource title). */
  filename: string;
  size: number;
}

export interface UploadSettings {
  chunked: boolean;
  chunkSize: number;
  /** Parts may be sent again safely (the server keys them by uuid and index). */
  partRetry: RetryPolicy;
  /** The whole-file upload and the finishing call create or replace a resource: no blind retry. */
  finishRetry: RetryPolicy;
  /** Bytes of the file sent so far, after each part (a large file goes in 20 MB parts). */
  onProgress?: (sentBytes: number) => void;
}

/** Sends one multipart POST to the upload URL and returns the parsed JSON answer. */
export type SendUpload = (req: Pick<HttpRequest, "body" | "retry">, bytes: number) => Promise<unknown>;

/**
 * udata's upload protocol (docs/datagouv-api.md §7.1–§7.3): one multipart POST with the file, or,
 * for large files, parts carrying uuid/partindex/partbyteoffset/totalparts/chunksize
 * followed by a finishing POST without file that makes the server assemble them.
 */
export async function uploadFile(file: UploadFile, settings: UploadSettings, send: SendUpload): Promise<unknown> {
  if (!settings.chunked) {
    const content = await readFile(file.path);
    const answer = await send({ body: () => form({ file: [content, file.filename] }), retry: settings.finishRetry }, content.length);
    settings.onProgress?.(content.length);
    return answer;
  }
  const uuid = randomUUID();
  const totalparts = Math.max(1, Math.ceil(file.size / settings.chunkSize));
  const handle = await open(file.path, "r");
  try {
    for (let partindex = 0; partindex < totalparts; partindex++) {
      const offset = partindex * settings.chunkSize;
      const part = Buffer.alloc(Math.min(settings.chunkSize, file.size - offset));
      const { bytesRead } = await handle.read(part, 0, part.length, offset);
      if (bytesRead !== part.length) {
        throw new DatagouvError({ code: "datagouv-local-file", message: `${file.path} changed size while being uploaded (expected ${file.size} bytes)`, hint: "run the package stage again" });
      }
      const fields = { uuid, filename: file.filename, partindex: String(partindex), partbyteoffset: String(offset), totalparts: String(totalparts), chunksize: String(part.length) };
      await send({ body: () => form({ ...fields, file: [part, file.filename] }), retry: settings.partRetry }, part.length);
      settings.onProgress?.(offset + part.length);
    }
  } finally {
    await handle.close();
  }
  return send({ body: () => form({ uuid, filename: file.filename, totalparts: String(totalparts) }), retry: settings.finishRetry }, 0);
}

/** A fresh FormData per attempt: a multipart stream can be consumed only once. */
function form(fields: Record<string, string | [Uint8Array, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") data.append(name, value);
    else data.append(name, new Blob([value[0]]), value[1]);
  }
  return data;
}
