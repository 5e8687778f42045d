import { basename, extname } from "node:path";
import { uploadedTitle } from "./slugify.ts";

/**
 * udata's default upload allow-list (ALLOWED_RESOURCES_EXTENSIONS in udata/settings.py)
 * has no "md" or "yaml": such text files are sent with ".txt" appended, which the server
 * accepts as plain text, instead of failing the whole publication with a 400.
 */
const TEXT_WITHOUT_UPLOAD_EXTENSION = new Set([".md", ".markdown", ".yaml", ".yml", ".tsv", ".ndjson", ".jsonl"]);

/** The file name we send for a local file. */
export function uploadName(file: string): string {
  const name = basename(file);
  return TEXT_WITHOUT_UPLOAD_EXTENSION.has(extname(name).toLowerCase()) ? `${name}.txt` : name;
}

/**
 * Titles the server may give the resource right after the upload (before our metadata PUT):
 * udata's normalised file name, or the name as sent by a server that does not normalise.
 */
export function titlesAfterUpload(file: string): string[] {
  return [uploadedTitle(uploadName(file)), uploadName(file)];
}
