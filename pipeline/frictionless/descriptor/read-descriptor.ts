import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createError } from "../errors/create-error.ts";
import { DescriptorError } from "../errors/descriptor-error.ts";
import { isRemotePath } from "./path-safety.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * Reads a JSON (or YAML) descriptor from a local path or an http(s) URL. The core may not use
 * pipeline/http, so remote descriptors go through global fetch with a timeout and a size cap.
 */

const FETCH_TIMEOUT_MS = 30_000;
const MAX_DESCRIPTOR_BYTES = 20 * 1024 * 1024;

/** The folder (path or URL) that relative paths inside the descriptor at `location` resolve against. */
export function descriptorBase(location: string): string {
  return isRemotePath(location) ? new URL(".", location).href : dirname(resolve(location));
}

/** `ref` (already checked by the URL-or-path rule) resolved against a descriptor's folder. */
export function resolveDescriptorPath(base: string, ref: string): string {
  if (isRemotePath(ref)) return ref;
  if (isRemotePath(base)) return new URL(ref, base.endsWith("/") ? base : `${base}/`).href;
  return join(base, ref);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json, application/yaml, */*" } });
  if (!response.ok) throw new Error(`HTTP ${response.status} from GET ${url}`);
  const length = Number(response.headers.get("content-length") ?? "0");
  if (length > MAX_DESCRIPTOR_BYTES) throw new Error(`descriptor is ${length} bytes, more than the ${MAX_DESCRIPTOR_BYTES} allowed`);
  const text = await response.text();
  if (text.length > MAX_DESCRIPTOR_BYTES) throw new Error(`descriptor is larger than the ${MAX_DESCRIPTOR_BYTES} bytes allowed`);
  return text;
}

/**
 * @param kind decides the error code (`schema-error`...) when the descriptor cannot be read or parsed.
 * @param jsonPath where the reference sits in an enclosing descriptor, for the error.
 */
export async function readDescriptor(location: string, kind: string, jsonPath = ""): Promise<unknown> {
  let text: string;
  try {
    text = isRemotePath(location) ? await fetchText(location) : await readFile(location, "utf8");
  } catch (error) {
    const thrown = describeThrown(error);
    const reason = thrown.systemCode === "ENOENT" ? "no such file" : thrown.message;
    // `place` says the descriptor itself could not be read (the CLI's "unreadable input").
    throw new DescriptorError([createError(`${kind}-error`, { note: `cannot read the ${kind} descriptor "${location}": ${reason}; check the path or URL`, jsonPath, place: location })], location);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    // The YAML parser is loaded for YAML descriptors only: it costs a command's start about 0.1 s.
    return /\.ya?ml$/i.test(location.split("?")[0] ?? "") ? (await import("yaml")).parse(text) : JSON.parse(text);
  } catch (error) {
    throw new DescriptorError([createError(`${kind}-error`, { note: `the ${kind} descriptor "${location}" is not valid ${/\.ya?ml$/i.test(location) ? "YAML" : "JSON"} (${describeThrown(error).message}): fix its syntax`, jsonPath })], location);
  }
}
