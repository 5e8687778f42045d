import type { UdataServer } from "./udata-server.ts";

/** Tiny fetch wrapper for this folder's tests: real HTTP, no redirects followed, body parsed when JSON. */

export interface CallOptions {
  /** API key to send; default the admin's, `null` for none. */
  key?: string | null;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests index freely into API answers
  text: string;
}

export async function call(server: UdataServer, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? server.apiKey : options.key;
  if (key !== null) headers["X-API-KEY"] = key;
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  } else if (options.form) {
    body = options.form;
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let parsed: unknown = undefined;
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export function fileForm(filename: string, content: string | Uint8Array, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([content]), filename);
  return form;
}

/** Creates an organization dataset with the required fields, plus `extra`. */
export async function createDataset(server: UdataServer, extra: Record<string, unknown> = {}): Promise<CallResult> {
  return call(server, "POST", "/api/1/datasets/", {
    json: { title: "Jeu de données fictif", description: "Description fictive.", organization: server.organizationId, ...extra },
  });
}
