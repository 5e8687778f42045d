import { DEFAULT_RETRY, type RetryPolicy } from "../../../http/client.ts";
import { canonicalJson, sha256Hex } from "../../canonical.ts";
import { inMemoryResult } from "../../in-memory-result.ts";
import { readSecret } from "../../secrets.ts";
import type { Connector, ConnectorContext, ConnectorState, ExtractResult, SourceRecord } from "../../types.ts";
import { fetchDeletedDossierNumbers, fetchDossiers } from "./fetch-dossiers.ts";
import type { GraphqlEndpoint } from "./graphql-client.ts";
import { dossierToRecord } from "./map-dossier.ts";
import { DEFAULT_BASE_URL, optionsSchema, type DemarchesSimplifieesOptions } from "./options.ts";
import { readSnapshot, writeSnapshot } from "./snapshot.ts";
import type { DsDossier } from "./types.ts";

/** What a successful run leaves for the next one. */
interface DsState {
  /** sha256 of the records, which is also the name of their snapshot. */
  sha256: string;
  /** Next run asks for the dossiers updated (or deleted) since this time. */
  updatedSince: string;
  /** Hash of the options that shape the records: when they change, the snapshot no longer fits. */
  fingerprint: string;
}

// Our clock and the API's may differ, and a dossier saved while we page through the list
// may carry an earlier time than our start: overlap the next window. Reading a dossier
// twice is harmless, records are merged by number.
const CURSOR_OVERLAP_MS = 5 * 60_000;

export interface DemarchesSimplifieesDependencies {
  retry?: RetryPolicy;
  now?: () => Date;
}

export function createDemarchesSimplifieesConnector(dependencies: DemarchesSimplifieesDependencies = {}): Connector<DemarchesSimplifieesOptions> {
  const now = dependencies.now ?? (() => new Date());
  return {
    kind: "demarches-simplifiees",
    optionsSchema,
    async extract(options, context) {
      return extractDemarche(options, context, dependencies.retry ?? DEFAULT_RETRY, now);
    },
  };
}

export const demarchesSimplifieesConnector = createDemarchesSimplifieesConnector();

async function extractDemarche(options: DemarchesSimplifieesOptions, context: ConnectorContext, retry: RetryPolicy, now: () => Date): Promise<ExtractResult> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const wantedState = options.state ?? "accepte";
  const url = `${baseUrl}/api/v2/graphql`;
  const source = `${url} (démarche ${options.demarche})`;
  const endpoint: GraphqlEndpoint = {
    url,
    source,
    token: readSecret(context.env, options.tokenEnv, source),
    tokenEnv: options.tokenEnv,
    retry,
    timeoutMs: options.timeoutMs,
    logger: context.logger,
    signal: context.signal,
  };
  const fingerprint = sha256Hex(canonicalJson({ baseUrl, demarche: options.demarche, state: wantedState, champs: options.champs ?? null }));
  const previous = parseState(context.state, fingerprint);
  const snapshot = previous ? await readSnapshot(context.cacheDir, previous.sha256) : undefined;
  if (previous && !snapshot) context.logger.warn("the snapshot of the last run is missing from the cache: reading the whole démarche", { source });

  const startedAt = now();
  let records: SourceRecord[];
  let bytes: number;
  let fetchedDossiers: DsDossier[];
  if (previous && snapshot) {
    const changed = await fetchDossiers(endpoint, { demarche: options.demarche, updatedSince: previous.updatedSince });
    const deleted = await fetchDeletedDossierNumbers(endpoint, { demarche: options.demarche, deletedSince: previous.updatedSince });
    const byNumber = new Map(snapshot.map((record) => [record.number as number, record]));
    // Without a state filter: a dossier that left the wanted state must leave the table.
    for (const dossier of changed.nodes) {
      if (dossier.state === wantedState) byNumber.set(dossier.number, dossierToRecord(dossier, options.champs));
      else byNumber.delete(dossier.number);
    }
    for (const number of deleted.nodes) byNumber.delete(number);
    records = [...byNumber.values()];
    bytes = changed.bytes + deleted.bytes;
    fetchedDossiers = changed.nodes;
    context.logger.info(`démarche ${options.demarche}: ${changed.nodes.length} dossiers updated and ${deleted.nodes.length} deleted since ${previous.updatedSince}`, { source });
  } else {
    const all = await fetchDossiers(endpoint, { demarche: options.demarche, state: wantedState });
    records = all.nodes.map((dossier) => dossierToRecord(dossier, options.champs));
    bytes = all.bytes;
    fetchedDossiers = all.nodes;
    context.logger.info(`démarche ${options.demarche}: ${all.nodes.length} dossiers "${wantedState}" read in ${all.pages} pages`, { source });
  }
  records.sort((a, b) => (a.number as number) - (b.number as number));
  warnAboutUnknownChamps(options.champs, fetchedDossiers, context, source);
  await writeSnapshot(context.cacheDir, records, previous?.sha256);

  const nextCursor = new Date(startedAt.getTime() - CURSOR_OVERLAP_MS).toISOString();
  return inMemoryResult({
    records,
    previousSha256: previous?.sha256,
    provenance: {
      source: url,
      title: `Démarches simplifiées, démarche n° ${options.demarche} (dossiers « ${wantedState} »)`,
      connector: "demarches-simplifiees",
      fetchedAt: startedAt.toISOString(),
      bytes,
    },
    nextState: (sha256): ConnectorState => ({ sha256, updatedSince: nextCursor, fingerprint }) satisfies DsState,
  });
}

function parseState(state: ConnectorState | undefined, fingerprint: string): DsState | undefined {
  if (!state) return undefined;
  const { sha256, updatedSince, fingerprint: saved } = state;
  if (typeof sha256 !== "string" || typeof updatedSince !== "string" || Number.isNaN(Date.parse(updatedSince))) return undefined;
  return saved === fingerprint ? { sha256, updatedSince, fingerprint } : undefined;
}

/** A champ id that no dossier has is most likely a typo in the declaration: say so, with the ids that exist. */
function warnAboutUnknownChamps(champs: Readonly<Record<string, string>> | undefined, dossiers: readonly DsDossier[], context: ConnectorContext, source: string): void {
  if (!champs || dossiers.length === 0) return;
  const known = new Map<string, string>();
  for (const dossier of dossiers) for (const champ of [...dossier.champs, ...dossier.annotations]) known.set(champ.id, champ.label);
  const missing = Object.entries(champs).filter(([, id]) => !known.has(id));
  if (missing.length === 0) return;
  context.logger.warn(`démarche: no dossier has the champ ids given for ${missing.map(([key]) => key).join(", ")}; their values are empty`, {
    source,
    missing: Object.fromEntries(missing),
    available: Object.fromEntries(known),
  });
}
