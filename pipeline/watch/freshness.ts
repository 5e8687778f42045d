import type { Declaration } from "../declaration/types.ts";
import type { DatagouvClient } from "../publish/datagouv/client.ts";
import type { RemoteDataset } from "../publish/datagouv/types.ts";
import { findDataset } from "../publish/find-dataset.ts";
import { readPackageState } from "../publish/publication-state.ts";
import { allowedAgeMs } from "./frequency.ts";
import { readLastSuccess } from "./last-success.ts";

/**
 * The watchdog: is each package's dataset as recent as its declared frequency promises? It
 * catches what no failed run reports: a schedule that stopped (GitHub turns off the scheduled
 * workflows of a public repository after 60 days without activity), a runner that never starts.
 */
export type FreshnessStatus = "fresh" | "stale" | "missing" | "unchecked";

export interface PackageFreshness {
  name: string;
  frequency: string;
  status: FreshnessStatus;
  dataset?: { id: string; page?: string };
  /** The latest change data.gouv.fr shows for the dataset or its resources. */
  modifiedAt?: string;
  /** The last run that published the package or checked it unchanged there (the state). */
  lastSuccessAt?: string;
  /** The later of the two: the age is counted from it. */
  freshAt?: string;
  ageHours?: number;
  allowedHours?: number;
}

export interface FreshnessInput {
  declarations: readonly Declaration[];
  client: DatagouvClient;
  /** The publication state (datasets' ids by instance) and the state folder (last successes). */
  publicationStateFile: string;
  stateDir: string;
  now: () => Date;
}

export async function checkFreshness(input: FreshnessInput): Promise<PackageFreshness[]> {
  const results: PackageFreshness[] = [];
  for (const declaration of input.declarations) results.push(await packageFreshness(declaration, input));
  return results;
}

async function packageFreshness(declaration: Declaration, input: FreshnessInput): Promise<PackageFreshness> {
  const { client } = input;
  const result: PackageFreshness = { name: declaration.name, frequency: declaration.datagouv.frequency, status: "missing" };
  const state = await readPackageState(input.publicationStateFile, client.instance, declaration.name);
  const organization = client.config.organization ?? declaration.datagouv.organization ?? undefined;
  const dataset = await findDataset(client, declaration.name, organization, state, { httpCalls: 0, bytes: 0 });
  const lastSuccess = await readLastSuccess(input.stateDir, client.instance, declaration.name);
  if (lastSuccess) result.lastSuccessAt = lastSuccess;
  if (!dataset || dataset.deleted) return result;
  result.dataset = { id: dataset.id, ...(dataset.page ? { page: dataset.page } : {}) };
  const modified = latestChange(dataset);
  if (modified) result.modifiedAt = modified;
  const allowed = allowedAgeMs(declaration.datagouv.frequency);
  const freshAt = [modified, lastSuccess].filter((t): t is string => t !== undefined).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  if (allowed === undefined || freshAt === undefined) return { ...result, status: "unchecked" };
  const age = input.now().getTime() - Date.parse(freshAt);
  return { ...result, status: age > allowed ? "stale" : "fresh", freshAt: new Date(freshAt).toISOString(), ageHours: round(age / 3_600_000), allowedHours: round(allowed / 3_600_000) };
}

/** udata's dates carry microseconds and an offset ("…T03:17:05.123456+00:00"): compared as instants. */
function latestChange(dataset: RemoteDataset): string | undefined {
  const dates = [dataset.last_modified, dataset.last_update, ...dataset.resources.map((r) => r.last_modified)].filter((d): d is string => typeof d === "string" && !Number.isNaN(Date.parse(d)));
  const latest = dates.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return latest === undefined ? undefined : new Date(latest).toISOString();
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}
