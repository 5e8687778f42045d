import { createHash } from "node:crypto";
import { join } from "node:path";
import { inputsOf } from "../declaration/inputs.ts";
import type { Declaration, SourceDeclaration } from "../declaration/types.ts";
import { getConnector } from "../extract/registry.ts";
import type { ConnectorState, Provenance, SourceRecord } from "../extract/types.ts";
import type { Logger } from "../log/logger.ts";
import { progressMeter } from "../log/progress.ts";
import type { StateDocument } from "../state/store.ts";

/** What the extract stage hands to the transform stage for one source of a resource. */
export interface ExtractedResource {
  name: string;
  /** Which of the resource's inputs (declaration order) these records come from. */
  input: number;
  /** Where this source's connector state is saved between runs. */
  stateKey: string;
  records: SourceRecord[];
  provenance: Provenance;
  changed: boolean;
  /** To save only once the whole run has succeeded. */
  nextState: ConnectorState;
}

export interface ExtractOptions {
  stateDir: string;
  /** State saved by the last successful run (`sources` section), keyed `<package>/<resource>`. */
  savedStates: StateDocument;
  env: Readonly<Record<string, string | undefined>>;
  force: boolean;
  logger: Logger;
  signal?: AbortSignal;
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
 * Read every declared source of a package. Records are kept in memory: the tables of
 * calls and lauréats are thousands of rows at most, and the SCDL export and the
 * documentation need them all. Validation of large files streams (see `aap validate`).
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
  const records: SourceRecord[] = [];
  const meter = progressMeter(options.logger, { stage: "extract", subject: label, package: declaration.name });
  for await (const record of result.records) {
    records.push(record);
    if (records.length % 1000 === 0) meter.update({ rows: records.length });
  }
  meter.done();
  return { records, provenance: result.provenance(), changed: result.changed, nextState: result.nextState() };
}
