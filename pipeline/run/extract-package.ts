import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { getConnector } from "../extract/registry.ts";
import type { ConnectorState, Provenance, SourceRecord } from "../extract/types.ts";
import type { Logger } from "../log/logger.ts";
import type { StateDocument } from "../state/store.ts";

/** What the extract stage hands to the transform stage for one resource. */
export interface ExtractedResource {
  name: string;
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

export function sourceStateKey(packageName: string, resourceName: string): string {
  return `${packageName}/${resourceName}`;
}

/**
 * Read every declared source of a package. Records are kept in memory: the tables of
 * calls and lauréats are thousands of rows at most, and the SCDL export and the
 * documentation need them all. Validation of large files streams (see `aap validate`).
 */
export async function extractPackage(declaration: Declaration, options: ExtractOptions): Promise<ExtractedResource[]> {
  const extracted: ExtractedResource[] = [];
  for (const resource of declaration.resources) {
    if (!resource.source) continue;
    const { connector: kind, ...sourceOptions } = resource.source;
    const connector = getConnector(kind);
    const key = sourceStateKey(declaration.name, resource.name);
    const saved = options.savedStates[key];
    const result = await connector.extract(sourceOptions, {
      baseDir: declaration.dir,
      env: options.env,
      state: options.force || saved === undefined ? undefined : (saved as ConnectorState),
      cacheDir: join(options.stateDir, "cache", declaration.name, resource.name),
      logger: {
        info: (message, data) => options.logger.log({ level: "info", event: "extract.info", message, data, package: declaration.name }),
        warn: (message, data) => options.logger.log({ level: "warn", event: "extract.warn", message, data, package: declaration.name }),
      },
      signal: options.signal,
    });
    const records: SourceRecord[] = [];
    for await (const record of result.records) {
      records.push(record);
      if (records.length % 10_000 === 0) options.logger.progress(`${declaration.name}: ${resource.name}: ${records.length} records read`);
    }
    extracted.push({ name: resource.name, records, provenance: result.provenance(), changed: result.changed, nextState: result.nextState() });
  }
  return extracted;
}
