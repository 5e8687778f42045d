import { uploadError } from "./api-errors.ts";

/** A small `multipart/form-data` parser: the whole body is in memory, which a test server can afford. */

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { filename: string; data: Buffer }>;
}

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartForm {
  const form: MultipartForm = { fields: {}, files: {} };
  const boundary = boundaryOf(contentType);
  if (!boundary) return form;
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw uploadError("Malformed multipart body: no boundary found");
  position += delimiter.length;
  while (body.subarray(position, position + 2).toString() !== "--") {
    if (body.subarray(position, position + 2).toString() === "\r\n") position += 2;
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd < 0) throw uploadError("Malformed multipart body: part headers not terminated");
    const headers = body.toString("utf8", position, headerEnd);
    const contentStart = headerEnd + 4;
    const contentEnd = body.indexOf(separator, contentStart);
    if (contentEnd < 0) throw uploadError("Malformed multipart body: closing boundary missing");
    addPart(form, headers, body.subarray(contentStart, contentEnd));
    position = contentEnd + separator.length;
  }
  return form;
}

function addPart(form: MultipartForm, headers: string, data: Buffer): void {
  const disposition = headers.split("\r\n").find((line) => /^content-disposition:/i.test(line)) ?? "";
  const name = parameter(disposition, "name");
  if (name === null) return;
  const encodedFilename = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  const filename = encodedFilename !== undefined ? decodeURIComponent(encodedFilename) : parameter(disposition, "filename");
  if (filename !== null) form.files[name] = { filename, data: Buffer.from(data) };
  else form.fields[name] = data.toString("utf8");
}

function parameter(disposition: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(disposition) ?? new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, "i").exec(disposition);
  if (!match) return null;
  // Browsers and undici percent-encode quotes and line breaks in names.
  return match[1]!.replace(/\\(.)/g, "$1").replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
}
