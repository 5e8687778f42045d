import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { CompiledField } from "../field/index.ts";

/** Rows formatted and flushed together: fewer stringify and write calls. */
const ROWS_PER_WRITE = 1000;

export interface WrittenTable {
  bytes: number;
  /** Hex sha256. */
  sha256: string;
  rows: number;
}

/**
 * Writes one table as CSV: UTF-8 without BOM, `,`, `"` quoting only where needed, `\n`; the
 * header is the field names and each value its canonical text (`CompiledField.write`).
 */
export async function writeCsvTable(
  path: string,
  fields: readonly CompiledField[],
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
): Promise<WrittenTable> {
  // Loaded here, not with the engine: every `aap validate` loads the engine and writes no table (csv-stringify: ~15 ms of CPU).
  const { stringify } = await import("csv-stringify/sync");
  const out = createWriteStream(path);
  const hash = createHash("sha256");
  let bytes = 0;
  let count = 0;
  const write = async (records: string[][]): Promise<void> => {
    const data = Buffer.from(stringify(records, { record_delimiter: "unix" }), "utf8");
    hash.update(data);
    bytes += data.length;
    if (!out.write(data)) await once(out, "drain");
  };
  try {
    await write([fields.map((field) => field.name)]);
    let pending: string[][] = [];
    for await (const row of rows) {
      pending.push(fields.map((field, k) => field.write(row[k] ?? null)));
      count++;
      if (pending.length >= ROWS_PER_WRITE) {
        await write(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await write(pending);
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { bytes, sha256: hash.digest("hex"), rows: count };
}
