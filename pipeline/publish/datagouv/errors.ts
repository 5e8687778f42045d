import { CodedError } from "../../frictionless/index.ts";
import { HttpError, type HttpCall } from "../../http/errors.ts";
import { redactText } from "../../http/redact.ts";

/** One code per failure family, so that callers (and the CLI's exit code) branch on it. */
export type DatagouvErrorCode =
  | "datagouv-invalid" // 400: the payload was refused; `fieldErrors` says which fields
  | "datagouv-unauthorized" // 401: missing, unknown, revoked or expired key
  | "datagouv-forbidden" // 403: the key's account may not modify the object
  | "datagouv-not-found" // 404
  | "datagouv-gone" // 410: deleted dataset
  | "datagouv-too-large" // 413
  | "datagouv-unsupported-media" // 415: e.g. a file detected as HTML
  | "datagouv-read-only" // 423: the instance has disabled creation and uploads
  | "datagouv-rate-limited" // 429 still there after the retries
  | "datagouv-server" // 5xx
  | "datagouv-bad-gateway-html" // an answer that is not JSON (a proxy's HTML error page)
  | "datagouv-timeout"
  | "datagouv-network"
  | "datagouv-unexpected-status" // any other status
  | "datagouv-config" // DATAGOUV_URL / DATAGOUV_API_KEY unusable, or missing for a publication
  | "datagouv-local-file"; // a file to upload changed while it was sent

export class DatagouvError extends CodedError<DatagouvErrorCode> {
  /** Method and URL of the failed call (no secret in it). */
  readonly call: HttpCall | undefined;
  readonly status: number | undefined;
  /** For 400 answers: udata's `errors` object ({field: [messages]}). */
  readonly fieldErrors: Record<string, unknown> | undefined;

  constructor(init: { code: DatagouvErrorCode; message: string; hint?: string; call?: HttpCall; status?: number; fieldErrors?: Record<string, unknown>; cause?: unknown }) {
    super({ code: init.code, message: init.message, hint: init.hint, location: init.call ? { method: init.call.method, url: init.call.url } : {}, cause: init.cause });
    this.name = "DatagouvError";
    this.call = init.call;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors;
  }

  /** True when a write may or may not have been applied: the caller must re-read before going on. */
  get outcomeUnknown(): boolean {
    return this.code === "datagouv-network" || this.code === "datagouv-timeout" || this.code === "datagouv-server" || this.code === "datagouv-bad-gateway-html";
  }
}

const STATUS_CODES: Record<number, DatagouvErrorCode> = {
  400: "datagouv-invalid",
  401: "datagouv-unauthorized",
  403: "datagouv-forbidden",
  404: "datagouv-not-found",
  410: "datagouv-gone",
  413: "datagouv-too-large",
  415: "datagouv-unsupported-media",
  423: "datagouv-read-only",
  429: "datagouv-rate-limited",
};

/** Translate a failed HTTP call into a DatagouvError: what data.gouv.fr answered, and what to do. */
export function toDatagouvError(error: HttpError, instance: string, secrets: readonly (string | undefined)[]): DatagouvError {
  const where = `${error.call.method} ${error.call.url}`;
  const base = { call: error.call, status: error.status, cause: error };
  const make = (code: DatagouvErrorCode, text: string, hint?: string, fieldErrors?: Record<string, unknown>) =>
    new DatagouvError({ ...base, code, message: redactText(text, secrets), ...(hint === undefined ? {} : { hint: redactText(hint, secrets) }), fieldErrors });
  if (error.code === "http-timeout") return make("datagouv-timeout", `${where}: no answer in time from ${instance}; the write may have happened`, "the next run checks what was done and continues");
  if (error.code === "http-network") return make("datagouv-network", `${where}: ${error.message}`, `check the network or DATAGOUV_URL (${instance})`);
  if (error.code === "http-too-large") return make("datagouv-too-large", error.message);
  const status = error.status ?? 0;
  const json = error.body !== undefined && error.body !== null && typeof error.body === "object" ? (error.body as Record<string, unknown>) : undefined;
  if (error.code === "http-invalid-body" || (json === undefined && status >= 300)) {
    return make("datagouv-bad-gateway-html", `${where} answered ${status} with a body that is not JSON (probably a proxy error page in front of ${instance})`, "retry later");
  }
  const detail = serverMessage(json);
  const said = detail ? ` (${detail})` : "";
  const code: DatagouvErrorCode = STATUS_CODES[status] ?? (status >= 500 ? "datagouv-server" : "datagouv-unexpected-status");
  switch (code) {
    case "datagouv-invalid": {
      const errors = json && typeof json.errors === "object" && json.errors !== null ? json.errors : undefined;
      const fieldErrors = errors === undefined ? undefined : (JSON.parse(redactText(JSON.stringify(errors), secrets)) as Record<string, unknown>);
      return make(code, `${where} was refused with 400${said}`, "fix the metadata named there in the package declaration", fieldErrors);
    }
    case "datagouv-unauthorized":
      return make(code, `${where} answered 401${said}`, `check DATAGOUV_API_KEY for ${instance} (keys of www and demo are different)`);
    case "datagouv-forbidden":
      return make(code, `${where} answered 403${said}: the account of DATAGOUV_API_KEY is not allowed to modify this dataset on ${instance}`, "make it an admin or editor of the owning organization (DATAGOUV_ORGANIZATION)");
    case "datagouv-not-found":
      return make(code, `${where} answered 404${said}: the object does not exist on ${instance} (or is private to another account)`);
    case "datagouv-gone":
      return make(code, `${where} answered 410${said}: the dataset was deleted on ${instance}`);
    case "datagouv-too-large":
      return make(code, `${where} answered 413${said}: the file is too large for ${instance}`, "lower the chunk threshold or publish it as a remote resource");
    case "datagouv-unsupported-media":
      return make(code, `${where} answered 415${said}: ${instance} refused the file's content type`, "check the file is not HTML");
    case "datagouv-read-only":
      return make(code, `${where} answered 423${said}: ${instance} is in read-only mode (creation and uploads disabled)`, "run again once it is lifted");
    case "datagouv-rate-limited":
      return make(code, `${where} answered 429 after several retries: ${instance} is rate limiting`, "run again later");
    case "datagouv-server":
      return make(code, `${where} answered ${status}${said}: server error on ${instance}`, "the next run checks what was done and continues");
    default:
      return make(code, `${where} answered ${status}${said}`);
  }
}

function serverMessage(json: Record<string, unknown> | undefined): string {
  if (!json) return "";
  for (const key of ["message", "error"]) {
    if (typeof json[key] === "string") return json[key] as string;
  }
  if (json.errors !== undefined) return JSON.stringify(json.errors).slice(0, 300);
  return "";
}
