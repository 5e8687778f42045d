import type { Declaration } from "../declaration/types.ts";
import { UsageError } from "../failures/usage-error.ts";
import { describeThrown } from "../frictionless/index.ts";
import { loadDeclarations } from "../orchestrate/run.ts";
import type { Locations } from "./context.ts";
import type { CliIo } from "./io.ts";

/**
 * The declarations a command works on, all checked before anything runs. A broken declaration
 * or an unknown package name throws its coded error (exit 2), as does a missing packages folder.
 */
export async function commandDeclarations(io: CliIo, where: Locations, names: readonly string[]): Promise<Declaration[]> {
  try {
    return await loadDeclarations(where.datapackagesDir, names, io.cwd);
  } catch (error) {
    if (describeThrown(error).systemCode === "ENOENT") {
      throw new UsageError(`no ${where.datapackagesDir} folder`, "run aap from the repository root, or pass --datapackages DIR");
    }
    throw error;
  }
}
