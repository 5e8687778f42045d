import { createHash } from "node:crypto";
import { ALLOWED_EXTENSIONS, ARCHIVE_EXTENSIONS } from "./reference-lists.ts";
import { slugify } from "../../pipeline/publish/slugify.ts";

/** What udata derives from an uploaded file's name and bytes (docs/datagouv-api.md §7.1). */

/** `Slugify(separator='-', to_lower=True, safe_chars='.')`: `Test_Update.TXT` → `test-update.txt`. */
export function normaliseFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  return slugify(base, { keepDots: true });
}

/** The last extension, the one checked against the allow-list; null when there is none. */
export function lastExtension(filename: string): string | null {
  const parts = filename.split(".");
  return parts.length > 1 ? parts[parts.length - 1]!.toLowerCase() : null;
}

export function isAllowedExtension(filename: string): boolean {
  const extension = lastExtension(filename);
  return extension !== null && ALLOWED_EXTENSIONS.includes(extension);
}

/** `x.2022.csv.tar.gz` → `csv.tar.gz`, `a.csv.gz` → `csv.gz`, `x.2022.zip` → `zip`. */
export function formatOf(filename: string): string | null {
  const parts = filename.toLowerCase().split(".");
  if (parts.length < 2) return null;
  let index = parts.length - 1;
  let format = parts[index]!;
  while (index > 1 && ARCHIVE_EXTENSIONS.includes(parts[index]!) && ALLOWED_EXTENSIONS.includes(parts[index - 1]!)) {
    index--;
    format = `${parts[index]}.${format}`;
  }
  return format;
}

// Python `mimetypes` types for the extensions udata accepts (and html, which it refuses).
const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv", txt: "text/plain", json: "application/json", pdf: "application/pdf", xml: "text/xml",
  rtf: "application/rtf", ods: "application/vnd.oasis.opendocument.spreadsheet", odt: "application/vnd.oasis.opendocument.text",
  odp: "application/vnd.oasis.opendocument.presentation", odg: "application/vnd.oasis.opendocument.graphics",
  xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  doc: "application/msword", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pps: "application/vnd.ms-powerpoint", ppt: "application/vnd.ms-powerpoint",
  tar: "application/x-tar", zip: "application/zip", rar: "application/vnd.rar", "7z": "application/x-7z-compressed",
  jpeg: "image/jpeg", jpg: "image/jpeg", jpe: "image/jpeg", gif: "image/gif", png: "image/png", svg: "image/svg+xml",
  tiff: "image/tiff", jp2: "image/jp2", kml: "application/vnd.google-earth.kml+xml", kmz: "application/vnd.google-earth.kmz",
  gpx: "application/gpx+xml", geojson: "application/geo+json", gpkg: "application/geopackage+sqlite3",
  rdf: "application/xml", ttl: "text/turtle", n3: "text/n3", sql: "application/sql", epub: "application/epub+zip",
  ics: "text/calendar", owl: "application/rdf+xml", md: "text/markdown", html: "text/html", htm: "text/html", xhtml: "application/xhtml+xml",
};
// Compression suffixes are an encoding for Python, so `x.csv.gz` is `text/csv`.
const ENCODINGS = new Set(["gz", "bz2", "xz", "z", "br"]);
const SUFFIXES: Readonly<Record<string, string>> = { tgz: "tar", taz: "tar", tz: "tar", tbz2: "tar", txz: "tar" };

export function mimeOf(filename: string): string {
  const parts = filename.toLowerCase().split(".").slice(1);
  let extension = parts.pop();
  if (extension !== undefined && SUFFIXES[extension]) extension = SUFFIXES[extension];
  else if (extension !== undefined && ENCODINGS.has(extension)) extension = parts.pop();
  return (extension !== undefined ? MIME_TYPES[extension] : undefined) ?? "application/octet-stream";
}

/** udata refuses HTML (415): by the type of the name, or by bytes that open like an HTML page. */
export function isHtml(filename: string, data: Buffer): boolean {
  if (mimeOf(filename).includes("html")) return true;
  const head = data.subarray(0, 512).toString("utf8").replace(/^\uFEFF/, "").trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

export function sha1Hex(data: Buffer): string {
  return createHash("sha1").update(data).digest("hex");
}

/** `YYYYMMDD-HHMMSS` in UTC, the folder udata puts each upload in. */
export function uploadStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}
