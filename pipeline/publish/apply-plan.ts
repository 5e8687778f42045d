import { describeThrown } from "../frictionless/index.ts";
import { datasetPayload } from "./dataset-metadata.ts";
import type { CallMeter, DatagouvClient } from "./datagouv/client.ts";
import type { RemoteDataset, RemoteResource } from "./datagouv/types.ts";
import type { PublishAction, PublishEvent } from "./events.ts";
import { PublishError } from "./errors.ts";
import { orderResources, sameOrder } from "./order.ts";
import type { Plan, ResourcePlan } from "./plan.ts";
import { resourcePayload } from "./resource-metadata.ts";
import { updatePackageState, type PackageState } from "./publication-state.ts";
import { uploadName } from "./upload-name.ts";
import type { FileDigest, LocalDataset, LocalResource } from "./types.ts";

export interface ApplyContext {
  client: DatagouvClient;
  local: LocalDataset;
  remote: RemoteDataset | undefined;
  files: ReadonlyMap<string, FileDigest>;
  stateFile: string;
  /** The publication state the plan was made from. */
  state: PackageState;
  actions: PublishAction[];
  onEvent: (event: PublishEvent) => void;
}

/**
 * Carry out a plan step by step, saving the publication state after each successful
 * step: dataset first, then resources in package order, deletions last, order at the end.
 */
export async function applyPlan(plan: Plan, ctx: ApplyContext): Promise<void> {
  const save = (mutate: (state: PackageState) => void) => updatePackageState(ctx.stateFile, ctx.client.instance, ctx.local.package, mutate);
  const datasetId = await applyDataset(plan, ctx, save);
  const remoteById = new Map((ctx.remote?.resources ?? []).map((resource) => [resource.id, resource]));
  const ours: string[] = [];
  for (const step of plan.resources) {
    if (step.action === "delete") continue;
    const local = ctx.local.resources.find((resource) => resource.key === step.key);
    if (!local) continue;
    ours.push(await applyResource(step, local, remoteById.get(step.id ?? ""), datasetId, ctx, save));
  }
  for (const step of plan.resources) {
    if (step.action !== "delete" || !step.id) continue;
    const id = step.id;
    await act(ctx, "delete", step.key, (meter) => ctx.client.deleteResource(datasetId, id, meter));
    await save((state) => {
      for (const [key, entry] of Object.entries(state.resources)) if (entry.id === id) delete state.resources[key];
    });
  }
  if (!plan.reorder) return;
  // Read the list again: uploads prepended ours, and others may have added theirs meanwhile.
  await act(ctx, "reorder", undefined, async (meter) => {
    const current = await ctx.client.getDataset(datasetId, meter);
    const ids = (current?.resources ?? []).map((resource) => resource.id);
    const wanted = orderResources(ids, ours);
    if (!sameOrder(ids, wanted)) await ctx.client.reorderResources(datasetId, wanted, meter);
  });
}

type Save = (mutate: (state: PackageState) => void) => Promise<PackageState>;

async function applyDataset(plan: Plan, ctx: ApplyContext, save: Save): Promise<string> {
  const dataset = plan.dataset;
  if (dataset.action === "create") {
    const created = await act(ctx, "create-dataset", undefined, (meter) => ctx.client.createDataset(datasetPayload(ctx.local, undefined), meter));
    await save((state) => {
      state.datasetId = created.id;
      state.resources = {};
    });
    return created.id;
  }
  if (dataset.action === "restore") {
    await act(ctx, "restore-dataset", undefined, (meter) => ctx.client.restoreDataset(dataset.id, meter));
  }
  if (dataset.action === "update" || (dataset.action === "restore" && dataset.fields.length > 0)) {
    await act(ctx, "update-dataset", undefined, (meter) => ctx.client.updateDataset(dataset.id, datasetPayload(ctx.local, ctx.remote), meter));
  }
  if (ctx.state.datasetId !== dataset.id) {
    await save((state) => {
      // Found by marker: resource ids saved for another dataset mean nothing here.
      if (state.datasetId !== dataset.id) state.resources = {};
      state.datasetId = dataset.id;
    });
  }
  return dataset.id;
}

/** Returns the resource id. An upload is followed by the metadata PUT, since the upload overwrites the title. */
async function applyResource(step: ResourcePlan, local: LocalResource, remote: RemoteResource | undefined, datasetId: string, ctx: ApplyContext, save: Save): Promise<string> {
  const digest = ctx.files.get(local.key);
  const record = (id: string, pendingMetadata: boolean) =>
    save((state) => {
      state.resources[local.key] = { id, ...(digest ? { sha1: digest.sha1, size: digest.size } : {}), ...(pendingMetadata ? { pendingMetadata } : {}) };
    });
  const file = { path: local.file, filename: uploadName(local.file), size: digest?.size ?? 0 };
  let target = remote;
  if (step.action === "create" || (step.action === "replace" && step.id)) {
    const id = step.id;
    target = await act(ctx, step.action === "create" ? "upload" : "replace", local.key, (meter) =>
      id === undefined ? ctx.client.uploadNewResource(datasetId, file, meter) : ctx.client.replaceResourceFile(datasetId, id, file, meter),
    );
    await record(target.id, true);
    checkStoredBytes(ctx.local.package, local, target, digest);
  }
  if (!target) {
    const location = `resource "${local.key}"`;
    throw new PublishError({ code: "inconsistent-plan", package: ctx.local.package, message: `package "${ctx.local.package}", ${location}: planned as ${step.action} but no remote resource has id ${step.id}`, hint: "run again: the plan is rebuilt from what the server holds" });
  }
  const id = target.id;
  if (step.action === "unchanged") {
    const saved = ctx.state.resources[local.key];
    if (saved?.id !== id || saved.sha1 !== digest?.sha1 || saved.pendingMetadata) await record(id, false);
    return id;
  }
  const payload = resourcePayload(local, target, step.withProvenance === true);
  await act(ctx, "update-metadata", local.key, (meter) => ctx.client.updateResource(datasetId, id, payload, meter));
  await record(id, false);
  return id;
}

/** The server computes the sha1 of what it stored: anything but ours means the bytes were altered on the way. */
function checkStoredBytes(packageName: string, local: LocalResource, stored: RemoteResource, digest: FileDigest | undefined): void {
  const checksum = stored.checksum;
  if (!digest || checksum?.type !== "sha1" || (checksum.value === digest.sha1 && stored.filesize === digest.size)) return;
  const location = `resource "${local.key}"`;
  throw new PublishError({
    code: "upload-mismatch",
    package: packageName,
    message: `package "${packageName}", ${location}: the server stored ${stored.filesize ?? "?"} bytes with sha1 ${checksum.value}, but ${local.file} has ${digest.size} bytes with sha1 ${digest.sha1}`,
    hint: "run again: the next run uploads it again",
  });
}

async function act<T>(ctx: ApplyContext, step: PublishAction["step"], resource: string | undefined, run: (meter: CallMeter) => Promise<T>): Promise<T> {
  const meter: CallMeter = { httpCalls: 0, bytes: 0 };
  const action = (ok: boolean): PublishAction => ({ step, ...(resource ? { resource } : {}), ok, httpCalls: meter.httpCalls, bytes: meter.bytes });
  try {
    const result = await run(meter);
    const done = action(true);
    ctx.actions.push(done);
    ctx.onEvent({ type: "action", action: done });
    return result;
  } catch (error) {
    const failed = action(false);
    ctx.actions.push(failed);
    ctx.onEvent({ type: "action", action: failed, error: describeThrown(error).message });
    throw error;
  }
}
