import type { TableFormat } from "../frictionless/index.ts";
import { ExtractError } from "./types.ts";

export const TABLE_FORMATS: readonly TableFormat[] = ["csv", "tsv", "json", "ndjson", "jsonl", "xlsx"];

const CONTENT_TYPES: Record<string, TableFormat> = {
  "application/json": "json",
  "text/json": "json",
  "application/ld+json": "json",
  "application/x-ndjson": "ndjson",
  "application/ndjson": "ndjson",
  "application/jsonl": "jsonl",
  "text/csv": "csv",
  "application/csv": "csv",
  "text/tab-separated-values": "tsv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

/** The table format named by the extension of a path or URL, if it names one. */
export function formatFromName(name: string): TableFormat | undefined {
  const path = /^https?:\/\//i.test(name) ? new URL(name).pathname : name;
  const match = /\.([a-z]+)$/i.exec(path);
  const ext = match?.[1]?.toLowerCase() as TableFormat | undefined;
  return ext !== undefined && TABLE_FORMATS.includes(ext) ? ext : undefined;
}

export function formatFromContentType(contentType: string | undefined): TableFormat | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === undefined ? undefined : CONTENT_TYPES[type];
}

/**
 * A portal that fails often still answers 200 with an HTML page (a login form, a
 * maintenance notice). Reading it as CSV would yield nonsense rows; say what happened.
 */
export function assertNotHtml(bytes: Uint8Array, contentType: string | undefined, format: TableFormat, source: string): void {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  const start = Buffer.from(bytes.subarray(0, 256)).toString("utf8").trimStart().toLowerCase();
  const looksHtml = type === "text/html" || start.startsWith("<!doctype html") || start.startsWith("<html");
  if (looksHtml && format !== "xlsx") {
    throw new ExtractError({
      code: "malformed",
      source,
      message: `${source} answered an HTML page (${type ?? "no content-type"}) where ${format.toUpperCase()} was expected`,
      hint: "open the URL in a browser: it may need a login, be under maintenance, or have moved",
    });
  }
}
