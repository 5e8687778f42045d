import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { describeDrift } from "../publish/index.ts";
import { VALIDATION_REPORT_FILE } from "./promote-validated.ts";
import { publishStage, type PublishStageOptions, type PublishStageResult } from "./publish-stage.ts";
import type { StageClock } from "./stage-clock.ts";

export interface RemoteCheck extends PublishStageResult {
  /** What had changed on the server (empty: in sync). */
  drift: string[];
}

/**
 * A night with nothing new still looks at data.gouv.fr: someone may have deleted or
 * retitled a resource, emptied or deleted the dataset. The dataset is read (GETs only) and
 * compared with what `output/<name>/` holds; drift is repaired like any other change.
 */
export async function checkRemote(declaration: Declaration, packageDir: string, options: Omit<PublishStageOptions, "provenance" | "check"> & { gitCommit?: string; runUrl?: string }, clock: StageClock): Promise<RemoteCheck> {
  // The files were validated when they were built, not tonight: a repair says so.
  const validatedAt = (await stat(join(packageDir, VALIDATION_REPORT_FILE))).mtime.toISOString();
  const result = await publishStage(declaration, packageDir, { ...options, check: true, provenance: { gitCommit: options.gitCommit, runUrl: options.runUrl, validatedAt } }, clock);
  return { ...result, drift: describeDrift(result.plan) };
}
