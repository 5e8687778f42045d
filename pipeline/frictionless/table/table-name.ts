import { extname } from "node:path";
import type { TableFormat } from "./types.ts";

// What a table file's name says of how to read it. Apart from the readers, which it names:
// the validation's threads are started from it before any reader is loaded (parallel/early-threads.ts).

export const FORMATS: readonly TableFormat[] = ["csv", "tsv", "json", "ndjson", "jsonl", "xlsx"];

export type Compression = "gz" | "zip";

/** The compression a name's extension (or the declared `compression`) says, and the name without it. */
export function compressionOf(name: string, declared?: string): { compression: Compression | undefined; inner: string } {
  const c = (declared ?? /\.(gz|zip)$/i.exec(name)?.[1] ?? "").toLowerCase();
  if (c !== "gz" && c !== "zip") return { compression: undefined, inner: name };
  return { compression: c, inner: name.replace(/\.(gz|zip)$/i, "") };
}

/** The format a file name's extension says; CSV when it says none we read. */
export function formatOfName(name: string): TableFormat {
  const ext = extname(name).slice(1).toLowerCase() as TableFormat;
  return FORMATS.includes(ext) ? ext : "csv";
}
