import { describeThrown } from "../frictionless/index.ts";
import { applyPlan } from "./apply-plan.ts";
import { checkLocalDataset } from "./check-local.ts";
import type { CallMeter, DatagouvClient } from "./datagouv/client.ts";
import { DatagouvError } from "./datagouv/errors.ts";
import type { RemoteDataset } from "./datagouv/types.ts";
import { digestResources } from "./digest.ts";
import type { PublishAction, PublishEvent } from "./events.ts";
import { findDataset } from "./find-dataset.ts";
import { serialised } from "../shared/serialised.ts";
import { planPublication, type Plan } from "./plan.ts";
import { readPackageState, type PackageState } from "./publication-state.ts";
import type { LocalDataset } from "./types.ts";

export interface PublishOptions {
  client: DatagouvClient;
  /** JSON file holding the publication state (ids per instance and package). */
  stateFile: string;
  /** Plan only: no write, no key needed. */
  dryRun?: boolean;
  onEvent?: (event: PublishEvent) => void;
  /**
   * After a write whose outcome is unknown (reset, timeout, 5xx), re-read the dataset and
   * continue from what it holds; give up after this many rounds in a row that completed no
   * write (default 3). 0: fail at once.
   */
  recoveryRounds?: number;
}

export interface PublishResult {
  instance: string;
  dryRun: boolean;
  /** The plan made from what the server held at the start. */
  plan: Plan;
  actions: PublishAction[];
  /** Id and slug after publication (undefined in a dry run of a dataset still to create). */
  dataset?: { id: string; slug: string; page?: string };
}

/**
 * Make the dataset of one package on one instance match the package: find it, plan,
 * then (unless dry run) apply step by step. Writes to one dataset are serialised. A write
 * is never blindly repeated: after an unknown outcome the plan is rebuilt from a fresh read,
 * which recognises what the interrupted write did (including an orphan upload).
 */
export async function publishDataset(input: LocalDataset, options: PublishOptions): Promise<PublishResult> {
  checkLocalDataset(input);
  const { client, stateFile } = options;
  const local: LocalDataset = { ...input, organization: input.organization ?? client.config.organization };
  const files = await digestResources(local);
  const onEvent = options.onEvent ?? (() => undefined);
  const rounds = options.recoveryRounds ?? 3;
  return serialised(`datagouv:${client.instance}\n${local.package}`, async () => {
    const actions: PublishAction[] = [];
    let first: Plan | undefined;
    let stalled = 0;
    for (let round = 0; ; round++) {
      const state = await readPackageState(stateFile, client.instance, local.package);
      const remote = await read(client, local, state, actions, onEvent);
      const plan = planPublication(local, remote, state, files);
      first ??= plan;
      onEvent({ type: "plan", plan });
      if (options.dryRun) return result(client, true, first, actions, remote);
      const done = completedWrites(actions);
      try {
        await applyPlan(plan, { client, local, remote, files, stateFile, state, actions, onEvent });
      } catch (error) {
        if (!(error instanceof DatagouvError && error.outcomeUnknown)) throw error;
        // A round that completed writes brought the dataset closer: on a flaky server, keep going.
        stalled = completedWrites(actions) > done ? 0 : stalled + 1;
        if (rounds === 0 || stalled > rounds || round >= MAX_ROUNDS) throw error;
        onEvent({ type: "recover", round: round + 1, reason: error.message });
        continue;
      }
      if (actions.every((action) => action.step === "read")) return result(client, false, first, actions, remote);
      const after = await readPackageState(stateFile, client.instance, local.package);
      const published = after.datasetId ? await client.getDataset(after.datasetId) : undefined;
      return result(client, false, first, actions, published);
    }
  });
}

/** A bound on rounds that each made progress: a plan has a few dozen writes at most. */
const MAX_ROUNDS = 50;

function completedWrites(actions: readonly PublishAction[]): number {
  return actions.filter((action) => action.ok && action.step !== "read").length;
}

async function read(client: DatagouvClient, local: LocalDataset, state: PackageState, actions: PublishAction[], onEvent: (event: PublishEvent) => void): Promise<RemoteDataset | undefined> {
  const meter: CallMeter = { httpCalls: 0, bytes: 0 };
  try {
    const remote = await findDataset(client, local.package, local.organization, state, meter);
    const action: PublishAction = { step: "read", ok: true, ...meter };
    actions.push(action);
    onEvent({ type: "action", action });
    return remote;
  } catch (error) {
    const action: PublishAction = { step: "read", ok: false, ...meter };
    actions.push(action);
    onEvent({ type: "action", action, error: describeThrown(error).message });
    throw error;
  }
}

function result(client: DatagouvClient, dryRun: boolean, plan: Plan, actions: PublishAction[], remote: RemoteDataset | undefined): PublishResult {
  const out: PublishResult = { instance: client.instance, dryRun, plan, actions };
  if (remote) out.dataset = { id: remote.id, slug: remote.slug, ...(remote.page ? { page: remote.page } : {}) };
  return out;
}
