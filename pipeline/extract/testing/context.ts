import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectorContext, ConnectorState, ExtractResult, SourceRecord } from "../types.ts";

export interface LogLine {
  level: "info" | "warn";
  message: string;
  data?: Record<string, unknown>;
}

/** A temporary folder per test, removed by `cleanup`. */
export async function makeTempDir(prefix = "aap-extract-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A connector context with a logger that keeps its lines, so tests can check nothing secret was logged. */
export function testContext(init: { baseDir: string; cacheDir: string; state?: ConnectorState; env?: Record<string, string> }): ConnectorContext & { logs: LogLine[] } {
  const logs: LogLine[] = [];
  return {
    baseDir: init.baseDir,
    cacheDir: init.cacheDir,
    state: init.state,
    env: init.env ?? {},
    logs,
    logger: {
      info: (message, data) => void logs.push({ level: "info", message, data }),
      warn: (message, data) => void logs.push({ level: "warn", message, data }),
    },
  };
}

export async function readAll(result: ExtractResult): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of result.records) records.push(record);
  return records;
}
