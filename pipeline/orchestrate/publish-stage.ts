import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { DatagouvClient, datagouvConfigFromEnv, digestResources, formatPlan, publishDataset, readPackageState, type Plan, type PublishAction } from "../publish/index.ts";
import { planFromState } from "../publish/offline-plan.ts";
import type { Logger } from "../log/logger.ts";
import type { ProgressMeter } from "../log/progress.ts";
import { localDatasetFromOutput, type ProvenanceContext } from "./local-dataset.ts";
import type { StageClock } from "./stage-clock.ts";

export const PUBLICATION_STATE_FILE = "publication.json";

export interface PublishStageOptions {
  env: Readonly<Record<string, string | undefined>>;
  stateDir: string;
  /** Print the plan even when a key is set. */
  dryRun: boolean;
  logger: Logger;
  provenance: ProvenanceContext;
  /** The package did not change: this run only checks the dataset (and repairs drift). */
  check?: boolean;
}

export interface PublishStageResult {
  /** `planned`: nothing was sent (no key, or dry run). */
  status: "published" | "planned";
  /** Instance URL, or `offline` when the plan came from the state alone. */
  target: string;
  plan: Plan;
  planText: string;
  actions: PublishAction[];
  dataset?: { id: string; slug: string; page?: string };
}

/**
 * Publish one built package. Without DATAGOUV_API_KEY nothing leaves the machine: the plan
 * is made from the publication state alone. With a key, the publish stage finds the dataset,
 * plans against what the server holds, and applies the plan step by step.
 */
export async function publishStage(declaration: Declaration, packageDir: string, options: PublishStageOptions, clock: StageClock): Promise<PublishStageResult> {
  clock.start("publish");
  const config = datagouvConfigFromEnv(options.env);
  const stateFile = join(options.stateDir, PUBLICATION_STATE_FILE);
  const local = await localDatasetFromOutput(declaration, packageDir, options.provenance);
  if (!local.organization && config.organization) local.organization = config.organization;

  if (!config.apiKey) {
    const state = await readPackageState(stateFile, config.baseUrl, declaration.name);
    const plan = planFromState(local, state, await digestResources(local));
    const planText = formatPlan(plan, "text");
    clock.end("publish", {}, `no DATAGOUV_API_KEY: plan only, made from the publication state (nothing sent to ${config.baseUrl})`);
    return { status: "planned", target: "offline", plan, planText, actions: [] };
  }

  const meters = new Map<string, ProgressMeter>();
  const client = new DatagouvClient(config, {
    onUploadProgress: (file, sent) => {
      let meter = meters.get(file.filename);
      if (meter === undefined) meters.set(file.filename, (meter = clock.meter(file.filename, file.size)));
      meter.update({ bytes: sent });
      if (sent >= file.size) meter.done();
    },
  });
  const result = await publishDataset(local, {
    client,
    stateFile,
    dryRun: options.dryRun,
    onEvent: (event) => {
      if (event.type === "action") {
        const what = `${event.action.step}${event.action.resource ? ` ${event.action.resource}` : ""}`;
        options.logger.log({
          level: event.action.ok ? "info" : "warn",
          event: "publish.action",
          package: declaration.name,
          message: event.action.ok ? `publish: ${what} done` : `publish: ${what} failed: ${event.error ?? "unknown error"}`,
          data: { ...event.action },
        });
      } else if (event.type === "recover") {
        options.logger.log({ level: "warn", event: "publish.recover", package: declaration.name, message: `publish: re-reading the dataset after an interrupted write (${event.reason})` });
      }
    },
  });
  const writes = result.actions.filter((action) => action.step !== "read");
  const reads = result.actions.filter((action) => action.step === "read").reduce((sum, action) => sum + action.httpCalls, 0);
  const bytes = writes.reduce((sum, action) => sum + action.bytes, 0);
  const sent = `${writes.length} changes sent to ${result.instance} (${bytes} bytes uploaded)${result.dataset?.page ? `: ${result.dataset.page}` : ""}`;
  const summary = result.dryRun
    ? `dry run against ${result.instance}: nothing sent`
    : writes.length === 0
      ? options.check
        ? `checked ${result.instance} (${reads} GET requests): in sync, nothing sent`
        : `${result.instance} already up to date: nothing sent`
      : options.check
        ? `drift on ${result.instance} repaired: ${sent}`
        : sent;
  clock.end("publish", { reads, writes: writes.length, bytes }, summary);
  return {
    status: result.dryRun ? "planned" : "published",
    target: result.instance,
    plan: result.plan,
    planText: formatPlan(result.plan, "text"),
    actions: result.actions,
    dataset: result.dataset,
  };
}
