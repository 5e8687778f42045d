import { DeclarationError } from "../declaration/load.ts";
import { ExtractError } from "../extract/types.ts";
import { DescriptorError } from "../frictionless/index.ts";
import { HttpError } from "../http/errors.ts";
import { DatagouvError, PublishError } from "../publish/index.ts";
import { LockError } from "../state/lock.ts";
import { StateError } from "../state/store.ts";

/**
 * One readable paragraph for any failure that stops a package: coded errors say what and
 * where themselves (never a secret: each error family redacts at its source); anything
 * else is a bug, shown with its stack so that it can be reported.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof ExtractError) return `${error.code}: ${error.message}${error.hint ? ` (${error.hint})` : ""}`;
  if (error instanceof DeclarationError || error instanceof DescriptorError) return error.message;
  if (error instanceof HttpError || error instanceof DatagouvError || error instanceof PublishError || error instanceof StateError || error instanceof LockError) {
    return `${error.code}: ${error.message}`;
  }
  return `unexpected error (a bug: please report it with this text): ${(error as Error)?.stack ?? String(error)}`;
}
