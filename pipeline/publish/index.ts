/** The publish stage: data.gouv.fr client, plan and idempotent apply. */
export type { FileDigest, LocalDataset, LocalResource, WithheldFile } from "./types.ts";
export { DATASET_MARKER, RESOURCE_MARKER } from "./types.ts";
export { datagouvConfigFromEnv, type DatagouvConfig } from "./datagouv/config.ts";
export { DatagouvClient, type CallMeter, type DatagouvClientOptions } from "./datagouv/client.ts";
export { DatagouvError, type DatagouvErrorCode } from "./datagouv/errors.ts";
export type { RemoteDataset, RemoteResource } from "./datagouv/types.ts";
export { PublishError, type PublishErrorCode } from "./errors.ts";
export { checkLocalDataset } from "./check-local.ts";
export { digestFile, digestResources } from "./digest.ts";
export { planPublication, type Plan, type ResourcePlan, type DatasetPlan } from "./plan.ts";
export { formatPlan, countActions } from "./format-plan.ts";
export { describeDrift } from "./drift.ts";
export { formatPublishResult } from "./format-result.ts";
export { readPackageState, type PackageState } from "./publication-state.ts";
export { publishDataset, type PublishOptions, type PublishResult } from "./publish-dataset.ts";
export type { PublishAction, PublishEvent } from "./events.ts";
