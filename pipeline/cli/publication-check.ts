import type { CliIo } from "./io.ts";

export type PublishingCommand = "run" | "publish" | "schedule";

/**
 * The line that stops a command before it reads or writes anything, or undefined when it may
 * go on. A night meant to publish whose key is missing (a deleted or expired secret) must
 * fail, not print a plan and look green: `aap publish` and `aap schedule` always need the
 * key, `aap run` needs it once DATAGOUV_URL names a target. A fresh clone (no variable) and
 * `--dry-run` print the plan. An unusable DATAGOUV_URL is refused here too.
 */
export async function publicationProblem(command: PublishingCommand, env: CliIo["env"], dryRun: boolean): Promise<string | undefined> {
  // Loaded on use, as the commands' code is: `aap --help` starts without the publication's.
  const [{ datagouvConfigFromEnv }, { DatagouvError }] = await Promise.all([import("../publish/datagouv/config.ts"), import("../publish/datagouv/errors.ts")]);
  let baseUrl: string;
  let apiKey: string | undefined;
  try {
    ({ baseUrl, apiKey } = datagouvConfigFromEnv(env));
  } catch (error) {
    if (error instanceof DatagouvError) return `aap ${command}: ${error.message}`;
    throw error;
  }
  if (apiKey || (dryRun && command !== "schedule")) return undefined;
  const instead = `set DATAGOUV_API_KEY to publish, or use ${command === "schedule" ? '"aap run --dry-run"' : "--dry-run"} to print the plan without publishing`;
  if (command === "schedule") return `aap schedule: DATAGOUV_API_KEY is not set, so the daemon would publish nothing to ${baseUrl}: ${instead}`;
  if (command === "publish") return `aap publish: DATAGOUV_API_KEY is not set: nothing was sent to ${baseUrl}; ${instead}`;
  if (env.DATAGOUV_URL?.trim()) return `aap run: DATAGOUV_URL names ${baseUrl} but DATAGOUV_API_KEY is not set: nothing was built or sent; ${instead}`;
  return undefined;
}
