import type { Logger } from "../log/logger.ts";
import { removeLeftoverTemporaries } from "../state/store.ts";

/** Before a run: the temporary files that runs killed during a write left in the state and output folders. */
export async function removeLeftovers(folders: readonly string[], logger: Logger): Promise<void> {
  for (const folder of folders) {
    const removed = await removeLeftoverTemporaries(folder);
    if (removed.length > 0) {
      logger.log({ level: "info", event: "run.leftovers", message: `removed ${removed.length} temporary file(s) left in ${folder} by a run that was killed`, data: { removed } });
    }
  }
}
