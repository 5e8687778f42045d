import { createHash } from "node:crypto";
import { join } from "node:path";
import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration, SourceDeclaration } from "../declaration/types.ts";
import { getConnector } from "../extract/registry.ts";
import type { ConnectorState, Provenance, SourceRecord } from "../extract/types.ts";
import { formatBytes } from "../log/format.ts";
import type { Logger } from "../log/logger.ts";
import { progressMeter, type ProgressMeter } from "../log/progress.ts";
import type { StateDocument } from "../state/store.ts";
import type { StageClock } from "./stage-clock.ts";

/** What the extract stage hands to the transform stage for one source of a resource. */
export interface ExtractedResource {
  name: string;
  /** Which of the resource's inputs (declaration order) these records come from. */
  input: number;
  /** Where this source's connector state is saved between runs. */
  stateKey: string;
  /** The source's records, read once, as the transform stage pulls them: a large source is never held whole. */
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>;
  /** Where the records come from; known before they are read (its hash decides whether to rebuild), counted once they are. */
  provenance(): Provenance;
  changed: boolean;
  /** To save only once the whole run has succeeded (and the records read). */
  nextState(): ConnectorState;
}

export interface ExtractOptions {
  stateDir: string;
  /** State saved by the last successful run (`sources` section), keyed `<package>/<resource>`. */
  savedStates: StateDocument;
  env: Readonly<Record<string, string | undefined>>;
  force: boolean;
  logger: Logger;
  signal?: AbortSignal;
  /** Adds the time spent waiting for the connectors' records: the extract stage's share of the streamed pass. */
  elapsed?: (milliseconds: number) => void;
}

/**
 * A resource with one source keeps the key it always had. With several, each source is
 * keyed by its own options, so reordering the inputs never hands one source's cursor or
 * ETag to another, and a source whose options change starts afresh.
 */
function sourceStateKey(packageName: string, resourceName: string, source?: SourceDeclaration): string {
  const base = `${packageName}/${resourceName}`;
  if (!source) return base;
  return `${base}/${source.connector}-${createHash("sha256").update(JSON.stringify(source)).digest("hex").slice(0, 12)}`;
}

/**
 * Open every declared source of a package: each connector is called (a file is hashed, an
 * API is read, a broken source fails here), and the records stream from there to the
 * transform stage one at a time, so that a source of a million rows is never held in memory.
 */
export async function extractPackage(declaration: Declaration, options: ExtractOptions): Promise<ExtractedResource[]> {
  const extracted: ExtractedResource[] = [];
  for (const resource of declaration.resources) {
    const inputs = inputsOf(resource);
    for (const [input, { source }] of inputs.entries()) {
      const stateKey = sourceStateKey(declaration.name, resource.name, inputs.length > 1 ? source : undefined);
      const read = await extractSource(declaration, inputs.length > 1 ? `${resource.name} (source ${input + 1})` : resource.name, source, stateKey, options);
      extracted.push({ name: resource.name, input, stateKey, ...read });
    }
  }
  return extracted;
}

async function extractSource(
  declaration: Declaration,
  label: string,
  source: SourceDeclaration,
  stateKey: string,
  options: ExtractOptions,
): Promise<Omit<ExtractedResource, "name" | "input" | "stateKey">> {
  const { connector: kind, ...sourceOptions } = source;
  const connector = getConnector(kind);
  const saved = options.savedStates[stateKey];
  const result = await connector.extract(sourceOptions, {
    baseDir: declaration.dir,
    env: options.env,
    state: options.force || saved === undefined ? undefined : (saved as ConnectorState),
    cacheDir: join(options.stateDir, "cache", ...stateKey.split("/")),
    logger: {
      info: (message, data) => options.logger.log({ level: "info", event: "extract.info", message, data, package: declaration.name }),
      warn: (message, data) => options.logger.log({ level: "warn", event: "extract.warn", message, data, package: declaration.name }),
    },
    signal: options.signal,
  });
  return {
    records: timedRecords(result.records, progressMeter(options.logger, { stage: "extract", subject: label, package: declaration.name }), options),
    provenance: () => result.provenance(),
    changed: result.changed,
    nextState: () => result.nextState(),
  };
}

/** The connector's records, with progress every 1,000 and the time spent waiting for them. */
async function* timedRecords(records: AsyncIterable<SourceRecord>, meter: ProgressMeter, options: ExtractOptions): AsyncGenerator<SourceRecord> {
  const iterator = records[Symbol.asyncIterator]();
  let count = 0;
  for (;;) {
    const started = performance.now();
    const next = await iterator.next();
    options.elapsed?.(performance.now() - started);
    if (next.done) {
      meter.done();
      return;
    }
    yield next.value;
    if (++count % 1000 === 0) meter.update({ rows: count });
  }
}

/**
 * Ends the extract stage once every record has been read (by the transform stage, or by
 * `readAll`): its counts need them all.
 */
export function endExtract(clock: StageClock, extracted: readonly ExtractedResource[]): void {
  const provenances = extracted.map((e) => e.provenance());
  const records = provenances.reduce((sum, p) => sum + (p.records ?? 0), 0);
  const bytes = provenances.reduce((sum, p) => sum + (p.bytes ?? 0), 0);
  const changed = extracted.filter((e) => e.changed).length;
  clock.end("extract", { sources: extracted.length, records, bytes }, `${extracted.length} sources (${changed} changed), ${records} records, ${formatBytes(bytes)}`);
}

/** Reads every record and drops it: what a run that builds nothing still needs for its counts and state. */
export async function readAll(extracted: readonly ExtractedResource[]): Promise<void> {
  for (const e of extracted) for await (const _record of e.records);
}
