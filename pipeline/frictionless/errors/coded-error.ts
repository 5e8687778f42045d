/**
 * The one base of every error the project throws, in undici's manner: a stable `code` that
 * callers branch on (never the text), a message saying what happened, a `hint` saying what to
 * do, a `cause`, and where it applies. Each family (HTTP, data.gouv.fr, a source, a
 * declaration...) is a subclass with its own union of codes, unique across families.
 *
 * It lives in the Table Schema core because the core is the ground layer: every other layer
 * may import it, and the core may import nothing else of ours. The core's report errors
 * (frictionless-py's catalogue, types.ts) are not thrown: they are data in a report.
 * Why: docs/decisions.md §9.
 */

/** Where an error applies. Never holds a secret: URLs are masked before they get here. */
export interface CodedErrorLocation {
  /** A local file, as the command was given it. */
  file?: string;
  /** 1-based line in a text file (a YAML declaration). */
  line?: number;
  /** Physical row of a table, the header being row 1. */
  row?: number;
  field?: string;
  /** JSON pointer into a descriptor or a declaration. */
  jsonPath?: string;
  /** An HTTP call: its method and its URL with secret parameters masked. */
  method?: string;
  url?: string;
  /** A data source or a table as the declaration names it: a path, or a URL without secrets. */
  source?: string;
  /** A data package, by name. */
  package?: string;
}

export interface CodedErrorInit<Code extends string> {
  code: Code;
  message: string;
  hint?: string;
  location?: CodedErrorLocation;
  cause?: unknown;
}

export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;
  /** What to do about it, when the error knows better than its code's general advice. */
  readonly hint: string | undefined;
  readonly location: CodedErrorLocation;

  constructor(init: CodedErrorInit<Code>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "CodedError";
    this.code = init.code;
    this.hint = init.hint;
    this.location = init.location ?? {};
  }
}

/** What can be read from any thrown value, without a cast. */
export interface ThrownDescription {
  /** The code of one of our errors; undefined for anything else (a bug, or a library's error let through). */
  code: string | undefined;
  message: string;
  hint: string | undefined;
  location: CodedErrorLocation;
  /** Node's code of a system error (`ENOENT`, `EACCES`...). */
  systemCode: string | undefined;
  stack: string | undefined;
}

/** Read a thrown value (an Error of ours, a library's, or anything at all) as plain data. */
export function describeThrown(thrown: unknown): ThrownDescription {
  if (thrown instanceof CodedError) {
    return { code: thrown.code, message: thrown.message, hint: thrown.hint, location: thrown.location, systemCode: undefined, stack: thrown.stack };
  }
  if (thrown instanceof Error) {
    const systemCode = (thrown as { code?: unknown }).code;
    return { code: undefined, message: thrown.message, hint: undefined, location: {}, systemCode: typeof systemCode === "string" ? systemCode : undefined, stack: thrown.stack };
  }
  return { code: undefined, message: String(thrown), hint: undefined, location: {}, systemCode: undefined, stack: undefined };
}
