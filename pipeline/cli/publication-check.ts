import { datagouvConfigFromEnv } from "../publish/datagouv/config.ts";
import { DatagouvError } from "../publish/datagouv/errors.ts";
import type { CliIo } from "./io.ts";

export type PublishingCommand = "run" | "publish" | "schedule";

/**
 * Stops a command before it reads or writes anything when it may not publish: throws a
 * `datagouv-config` error (exit 2). A night meant to publish whose key is missing (a deleted or
 * expired secret) must fail, not print a plan and look green: `aap publish` and `aap schedule`
 * always need the key, `aap run` needs it once DATAGOUV_URL names a target. A fresh clone (no
 * variable) and `--dry-run` print the plan. An unusable DATAGOUV_URL is refused here too.
 */
export function checkPublication(command: PublishingCommand, env: CliIo["env"], dryRun: boolean): void {
  const { baseUrl, apiKey } = datagouvConfigFromEnv(env);
  if (apiKey || (dryRun && command !== "schedule")) return;
  const refuse = (message: string) => {
    const instead = `set DATAGOUV_API_KEY to publish, or use ${command === "schedule" ? '"aap run --dry-run"' : "--dry-run"} to print the plan without publishing`;
    throw new DatagouvError({ code: "datagouv-config", message, hint: instead });
  };
  if (command === "schedule") refuse(`DATAGOUV_API_KEY is not set, so the daemon would publish nothing to ${baseUrl}`);
  if (command === "publish") refuse(`DATAGOUV_API_KEY is not set: nothing was sent to ${baseUrl}`);
  if (env.DATAGOUV_URL?.trim()) refuse(`DATAGOUV_URL names ${baseUrl} but DATAGOUV_API_KEY is not set: nothing was built or sent`);
}
