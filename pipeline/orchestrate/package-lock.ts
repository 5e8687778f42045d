import { join } from "node:path";
import type { Logger } from "../log/logger.ts";
import { withLock } from "../state/lock.ts";

/**
 * One run at a time per package and state folder: a manual run beside the daemon, or two
 * runs started together, would otherwise both create the dataset or upload the same files.
 */
export function packageLockFile(stateDir: string, packageName: string): string {
  return join(stateDir, "locks", `${packageName}.lock`);
}

export interface PackageLockContext {
  stateDir: string;
  /** How long to wait for another run of the package to finish before giving up. */
  lockWaitMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

export function withPackageLock<T>(packageName: string, ctx: PackageLockContext, purpose: string, task: () => Promise<T>): Promise<T> {
  return withLock(
    packageLockFile(ctx.stateDir, packageName),
    {
      waitMs: ctx.lockWaitMs,
      purpose,
      signal: ctx.signal,
      onWait: (holder) =>
        ctx.logger.log({
          level: "warn",
          event: "run.waiting",
          package: packageName,
          message: `another run is busy with this package (${holder ? `process ${holder.pid} on ${holder.host}, ${holder.purpose}, since ${holder.startedAt}` : "unknown holder"}): waiting up to ${Math.round(ctx.lockWaitMs / 1000)} s for it to finish`,
        }),
    },
    task,
  );
}
