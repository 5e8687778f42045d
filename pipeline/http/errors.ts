import { CodedError } from "../frictionless/index.ts";

/**
 * What can go wrong with an HTTP call, as values: a code, the call (method and URL
 * without secrets), and for answered calls the status and the start of the body.
 * Modelled on undici's error classes; callers branch on `code`, never on the text.
 */
export type HttpErrorCode =
  | "http-status" // the server answered with a non-2xx status that was not retried away
  | "http-timeout" // no answer (headers or body) within the time limit
  | "http-network" // connection refused, reset, DNS failure...
  | "http-too-large" // the body is over the size limit
  | "http-invalid-body"; // the body is not what the caller expected (e.g. not JSON)

export interface HttpCall {
  method: string;
  /** URL with secret query parameters masked. */
  url: string;
}

export class HttpError extends CodedError<HttpErrorCode> {
  readonly call: HttpCall;
  readonly status: number | undefined;
  /** First 500 characters of the body, for diagnosis. Never contains request headers. */
  readonly bodyExcerpt: string | undefined;
  /** Parsed JSON body when the server sent one. */
  readonly body: unknown;
  readonly attempts: number;

  constructor(init: {
    code: HttpErrorCode;
    message: string;
    call: HttpCall;
    status?: number;
    bodyExcerpt?: string;
    body?: unknown;
    attempts?: number;
    cause?: unknown;
  }) {
    super({ code: init.code, message: init.message, location: { method: init.call.method, url: init.call.url }, cause: init.cause });
    this.name = "HttpError";
    this.call = init.call;
    this.status = init.status;
    this.bodyExcerpt = init.bodyExcerpt;
    this.body = init.body;
    this.attempts = init.attempts ?? 1;
  }
}
